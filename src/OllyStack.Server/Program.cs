using OllyStack.Server.Cli;

return await Commands.RunAsync(args);
