using SupportChat.Cli;

return await CliApp.RunAsync(args);
