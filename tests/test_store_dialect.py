"""The PostgreSQL translation of the store's SQL (store/dialect.py): placeholders, and NULLS LAST where it matters."""

from multivector.store.dialect import POSTGRES, SQLITE


def test_desc_on_a_nullable_column_sorts_nulls_last_as_sqlite_does():
    sql = "SELECT id FROM documents ORDER BY published DESC, d.published DESC, count(*) DESC LIMIT ?"
    assert POSTGRES.translate(sql) == (
        "SELECT id FROM documents ORDER BY published DESC NULLS LAST, d.published DESC NULLS LAST, "
        "count(*) DESC NULLS LAST LIMIT %s"
    )


def test_desc_on_a_key_keeps_the_index_order():
    # a key is never NULL: NULLS LAST would only stop PostgreSQL from reading the key's index backwards
    sql = "SELECT * FROM documents d WHERE d.tsv @@ q ORDER BY d.number DESC, id DESC LIMIT :limit"
    assert POSTGRES.translate(sql) == (
        "SELECT * FROM documents d WHERE d.tsv @@ q ORDER BY d.number DESC, id DESC LIMIT %(limit)s"
    )


def test_literals_are_left_alone_and_sqlite_gets_the_sql_as_written():
    sql = "SELECT 'a DESC ?' AS x FROM t ORDER BY published DESC"
    assert POSTGRES.translate(sql) == "SELECT 'a DESC ?' AS x FROM t ORDER BY published DESC NULLS LAST"
    assert SQLITE.translate(sql) == sql
