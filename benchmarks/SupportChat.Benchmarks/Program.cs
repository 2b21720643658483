using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/SupportChat.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
