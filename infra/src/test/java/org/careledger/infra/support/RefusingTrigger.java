package org.careledger.infra.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stand-in for a bug that is fixed later: a trigger that makes a view table refuse one
 * institution's rows, and its removal (the fix), after which parked events can be retried.
 */
public final class RefusingTrigger implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String table;
    private final String name;

    private RefusingTrigger(JdbcTemplate jdbc, String table, String name) {
        this.jdbc = jdbc;
        this.table = table;
        this.name = name;
    }

    /** From now on {@code table} refuses to insert or update rows of the institution. */
    public static RefusingTrigger install(JdbcTemplate jdbc, String table, String institutionId) {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION test_refuse_institution() RETURNS trigger AS $$
                BEGIN
                    IF NEW.institution_id = TG_ARGV[0] THEN
                        RAISE EXCEPTION 'test refuses rows of institution %', NEW.institution_id;
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        String name = "test_refuse_" + Integer.toHexString(institutionId.hashCode() & 0x7fffffff) + "_" + table;
        jdbc.execute("CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION test_refuse_institution('" + institutionId.replace("'", "''") + "')");
        return new RefusingTrigger(jdbc, table, name);
    }

    /** The fix: the table accepts the institution's rows again. */
    @Override
    public void close() {
        jdbc.execute("DROP TRIGGER IF EXISTS " + name + " ON " + table);
    }
}
