using System.Globalization;

namespace SupportChat.EndToEnd.Tests.Operations;

/// <summary>
/// A small parser of the Prometheus text exposition format: `# TYPE name type`, `# HELP …`, and samples
/// `name{label="value",…} value [timestamp]` (label values with \" \\ \n escapes). Enough to read back what the exporter
/// wrote, and strict: a line it cannot read fails the test rather than being skipped.
/// </summary>
internal sealed class PrometheusText
{
    private readonly List<Sample> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public IReadOnlyList<Sample> Samples => _samples;

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
                if (parts is ["#", "TYPE", var name, var type])
                {
                    parsed._types[name] = type;
                }

                continue; // HELP and comments
            }

            parsed._samples.Add(ParseSample(line));
        }

        return parsed;
    }

    public string? TypeOf(string name) => _types.GetValueOrDefault(name);

    /// <summary>The sum of the samples of that name whose labels include <paramref name="labels"/>; 0 when there are none
    /// (an instrument shows up only once recorded).</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    private static Sample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' '))
        {
            i++;
        }

        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var key = line[i..eq].Trim();
                i = eq + 1;
                Expect(line, i, '"');
                i++;
                var value = new System.Text.StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                labels[key] = value.ToString();
                i++;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        var rest = line[i..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2)
        {
            throw new FormatException($"not a sample line: {line}");
        }

        var number = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(name, labels, number);
    }

    private static void Expect(string line, int at, char expected)
    {
        if (at >= line.Length || line[at] != expected)
        {
            throw new FormatException($"expected '{expected}' at {at} in: {line}");
        }
    }
}
