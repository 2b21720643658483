using System.ComponentModel.DataAnnotations;
using SupportChat.Domain.Validation;

namespace SupportChat.Server.Hosting;

/// <summary>Section "Chat": what the support desk offers.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    /// <summary>Departments customers can join; the first is the default.</summary>
    [MinLength(1)]
    public List<string> Departments { get; set; } = [];

    [Range(1, ChatLimits.MaxCapacity)]
    public int DefaultCapacity { get; set; } = ChatLimits.DefaultCapacity;

    /// <summary>Events a stream may have waiting to be written before its client counts as too slow.</summary>
    [Range(16, 1_000_000)]
    public int OutboundQueueSize { get; set; } = 4096;

    /// <summary>How often a stream re-registers with its conversations, so a grain that was
    /// deactivated or moved finds it again.</summary>
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> EffectiveDepartments => Departments.Count == 0 ? ["general"] : Departments;

    public string DefaultDepartment => EffectiveDepartments[0];
}
