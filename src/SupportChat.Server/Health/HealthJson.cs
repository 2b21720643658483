using System.Text.Json.Serialization;

namespace SupportChat.Server.Health;

internal sealed record HealthEntry(string Name, string Status, string? Description);

internal sealed record HealthBody(string Status, IReadOnlyList<HealthEntry> Checks);

/// <summary>Source-generated, so the body is written without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class HealthJson : JsonSerializerContext;
