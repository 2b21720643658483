using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/SupportChat.Benchmarks -- --filter '*' --inProcess
//
// Without a --job, the short job (3 warm-ups, 3 measured iterations, one launch): the default job's pilot and 15 to 100
// iterations per case kept a grain benchmark running past the in-process toolchain's limit on two cores, and the
// figures in docs/performance.md are short-job figures. Give --job (e.g. --job medium) for tighter error bars.
var jobGiven = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(jobGiven ? args : [.. args, "--job", "short"]);
