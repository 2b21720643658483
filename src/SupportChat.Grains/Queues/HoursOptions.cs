using System.ComponentModel.DataAnnotations;
using SupportChat.Domain.Hours;

namespace SupportChat.Grains.Queues;

/// <summary>Section "Chat", key "Hours": opening hours per department, e.g.
/// <c>"Chat": { "Hours": { "billing": "Mon-Fri 09:00-17:00 Europe/Amsterdam" } }</c>
/// (<c>serve --hours</c> sets the same keys). A department without hours is always open.</summary>
public sealed class HoursOptions : IValidatableObject
{
    public const string SectionName = "Chat";

    private DepartmentHours? _parsed;

    public Dictionary<string, string> Hours { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The hours read once; validation at start-up has already refused anything unreadable.</summary>
    public DepartmentHours Schedule() => _parsed ??= DepartmentHours.From(Hours);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            Schedule();
        }
        catch (HoursFormatException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"Chat:Hours: {problem}", [nameof(Hours)]);
        }
    }
}
