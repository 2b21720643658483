using Microsoft.Extensions.Options;
using SupportChat.Domain;

namespace SupportChat.Server.Configuration;

/// <summary>The departments this server offers, and the check that a requested one exists.</summary>
public sealed class DepartmentCatalog(IOptions<ChatOptions> options)
{
    public IReadOnlyList<string> All { get; } = options.Value.EffectiveDepartments;

    public string Default => All[0];

    /// <summary>The canonical name of a requested department; empty means the default.</summary>
    public string Resolve(string? requested)
    {
        var name = (requested ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            return Default;
        }

        return All.FirstOrDefault(d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase))
            ?? throw ChatException.InvalidArgument(
                $"unknown department '{(name.Length > 50 ? name[..50] + "…" : name)}'; valid departments: {string.Join(", ", All)}.");
    }
}
