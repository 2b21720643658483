using SupportChat.Client.Events;

namespace SupportChat.Cli.Input;

/// <summary>What a person or a script asked for, whichever front end it came through.</summary>
internal abstract record InputCommand;

internal sealed record SendInput(string? Conversation, string Text) : InputCommand;

internal sealed record EndInput(string? Conversation) : InputCommand;

internal sealed record TypingInput(string? Conversation) : InputCommand;

/// <summary>To a department's queue; <paramref name="Note"/> (issue 21, empty: none) is for the agent who takes it next.</summary>
internal sealed record TransferInput(string? Conversation, string Department, string Note = "") : InputCommand;

/// <summary>Issue 21: to a named agent (id or name) who takes it over at once, with an optional note.</summary>
internal sealed record HandoverInput(string? Conversation, string Agent, string Note) : InputCommand;

/// <summary>Issue 21: a private note into a conversation, for agents only.</summary>
internal sealed record NoteInput(string? Conversation, string Text) : InputCommand;

internal sealed record StatusInput(AgentAvailability Status, int? Capacity) : InputCommand;

/// <summary>Leave: a customer ends the conversation, an agent signs off.</summary>
internal sealed record QuitInput : InputCommand;

/// <summary>Handled by the front end itself (help, list); nothing goes to the server.</summary>
internal sealed record NoInput : InputCommand;

/// <summary>A command that could not be understood; it is reported and the session goes on.</summary>
internal sealed record InvalidInput(string Message) : InputCommand;
