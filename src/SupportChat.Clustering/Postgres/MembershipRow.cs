using System.Text.Json;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace SupportChat.Clustering.Postgres;

/// <summary>A <c>cluster_members</c> row to and from Orleans' <see cref="MembershipEntry"/>.</summary>
internal static class MembershipRow
{
    /// <summary>Reads the columns in <c>PostgresMembershipTable.Columns</c> order.</summary>
    public static MembershipEntry Read(NpgsqlDataReader reader) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(reader.GetString(0)),
        Status = (SiloStatus)reader.GetInt32(1),
        ProxyPort = reader.GetInt32(2),
        HostName = reader.GetString(3),
        SiloName = reader.GetString(4),
        RoleName = reader.GetString(5),
        UpdateZone = reader.GetInt32(6),
        FaultZone = reader.GetInt32(7),
        StartTime = reader.GetDateTime(8),
        IAmAliveTime = reader.GetDateTime(9),
        SuspectTimes = SuspectTimes(reader.GetString(10)),
    };

    /// <summary>Who suspects the silo and since when, as a JSON array of {silo, at}.</summary>
    public static string SuspectTimesJson(List<Tuple<SiloAddress, DateTime>>? suspectTimes) =>
        JsonSerializer.Serialize((suspectTimes ?? []).Select(s => new SuspectVote(s.Item1.ToParsableString(), Utc(s.Item2))).ToList(),
            MembershipJson.Default.ListSuspectVote);

    private static List<Tuple<SiloAddress, DateTime>> SuspectTimes(string json) =>
        (JsonSerializer.Deserialize(json, MembershipJson.Default.ListSuspectVote) ?? [])
            .Select(v => Tuple.Create(SiloAddress.FromParsableString(v.Silo), DateTime.SpecifyKind(v.At, DateTimeKind.Utc)))
            .ToList();

    /// <summary>Orleans hands out DateTime of any kind (often Utc); timestamptz takes only UTC.</summary>
    public static DateTime Utc(DateTime value) =>
        value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

internal sealed record SuspectVote(string Silo, DateTime At);

[System.Text.Json.Serialization.JsonSerializable(typeof(List<SuspectVote>))]
internal sealed partial class MembershipJson : System.Text.Json.Serialization.JsonSerializerContext;
