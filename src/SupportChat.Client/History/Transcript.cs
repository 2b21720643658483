using SupportChat.Client.Events;

namespace SupportChat.Client.History;

/// <summary>A conversation with all of its messages in seq order.</summary>
public sealed record Transcript(ConversationSummary Conversation, IReadOnlyList<MessageReceived> Messages)
{
    /// <summary>Issue 21: the private notes in note_seq order (each placed after its AfterSeq); empty for a customer's
    /// session, which never reads notes.</summary>
    public IReadOnlyList<NoteReceived> Notes { get; init; } = [];
}
