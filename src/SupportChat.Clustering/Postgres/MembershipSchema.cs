namespace SupportChat.Clustering.Postgres;

/// <summary>Our own tables for Orleans' cluster membership: one version row per cluster, one row per silo.</summary>
internal static class MembershipSchema
{
    /// <summary>Distinct from the history store's lock key: the two schemas may be created at the same time.</summary>
    public const long LockKey = 0x5C_0001;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS cluster_versions (
            cluster_id text PRIMARY KEY,
            version integer NOT NULL,
            etag bigint NOT NULL
        );
        CREATE TABLE IF NOT EXISTS cluster_members (
            cluster_id text NOT NULL,
            silo text NOT NULL,
            status integer NOT NULL,
            proxy_port integer NOT NULL,
            host_name text NOT NULL,
            silo_name text NOT NULL,
            role_name text NOT NULL,
            update_zone integer NOT NULL,
            fault_zone integer NOT NULL,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            suspect_times jsonb NOT NULL,
            etag bigint NOT NULL,
            PRIMARY KEY (cluster_id, silo)
        );
        """;
}
