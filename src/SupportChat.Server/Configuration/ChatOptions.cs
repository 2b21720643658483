using System.ComponentModel.DataAnnotations;
using SupportChat.Protocol.Rules;

namespace SupportChat.Server.Configuration;

/// <summary>Section "Chat": what the support desk offers.</summary>
public sealed class ChatOptions : IValidatableObject
{
    public const string SectionName = "Chat";

    /// <summary>Departments customers can join; the first is the default. None configured means "general".</summary>
    public List<string> Departments { get; set; } = [];

    [Range(1, ChatLimits.MaxCapacity)]
    public int DefaultCapacity { get; set; } = ChatLimits.DefaultCapacity;

    /// <summary>Events a stream may have waiting to be written before its client counts as too slow.</summary>
    [Range(16, 1_000_000)]
    public int OutboundQueueSize { get; set; } = 4096;

    /// <summary>How often a stream re-registers with its conversations, so a grain that was
    /// deactivated or moved finds it again.</summary>
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Messages per second each participant may send; the excess is refused with ResourceExhausted.</summary>
    [Range(0.1, 100_000)]
    public double SendRatePerSecond { get; set; } = 20;

    /// <summary>How many messages a participant may send at once before the rate applies.</summary>
    [Range(1, 100_000)]
    public int SendBurst { get; set; } = 50;

    /// <summary>Participant streams one connection may open at once before the join rate applies.</summary>
    [Range(1, 100_000)]
    public int JoinBurstPerConnection { get; set; } = 100;

    /// <summary>Participant streams per second one connection may open after its burst.</summary>
    [Range(0.01, 100_000)]
    public double JoinRatePerConnection { get; set; } = 10;

    /// <summary>How long a customer's session token can resume its conversation.</summary>
    public TimeSpan CustomerSessionLifetime { get; set; } = TimeSpan.FromDays(7);

    public IReadOnlyList<string> EffectiveDepartments => Departments.Count == 0 ? ["general"] : Departments;

    public string DefaultDepartment => EffectiveDepartments[0];

    /// <summary>Whether a department name is one the server takes (for front ends that check options before starting it).</summary>
    public static bool IsDepartmentName(string name) => CommandRules.IsDepartmentName(name);

    /// <summary>Department names are typed on command lines and shown in lists: keep them short and plain.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var name in Departments.Where(n => !CommandRules.IsDepartmentName(n)))
        {
            yield return new ValidationResult(
                $"department '{name}' is not valid: use 1-50 letters, digits, '-' or '_'.", [nameof(Departments)]);
        }

        foreach (var duplicate in Departments.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"department '{duplicate.Key}' is listed twice.", [nameof(Departments)]);
        }
    }
}
