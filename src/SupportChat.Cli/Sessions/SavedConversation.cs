using SupportChat.Client;

namespace SupportChat.Cli.Sessions;

/// <summary>What the session file holds: the conversation, and whether the customer left it (then it is to be ended,
/// not resumed).</summary>
internal sealed record SavedConversation(CustomerResume Resume, bool Left);
