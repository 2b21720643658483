using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Protocol.V1;

namespace SupportChat.EndToEnd.Tests.Notes;

/// <summary>Issue 21's commands on the wire, and the one check every customer path gets: no trace of a note's text.</summary>
internal static class NoteWire
{
    public static AgentCommand Note(string conversationId, string text, string clientMsgId) =>
        new() { Note = new Note { ConversationId = conversationId, Text = text, ClientMsgId = clientMsgId } };

    public static AgentCommand Handover(string conversationId, string agent, string note = "") =>
        new() { Transfer = new Transfer { ConversationId = conversationId, Agent = agent, Note = note } };

    public static AgentCommand TransferTo(string conversationId, string department, string note = "") =>
        new() { Transfer = new Transfer { ConversationId = conversationId, Department = department, Note = note } };

    /// <summary>The customer's history token (CustomerJoin's HistoryToken).</summary>
    public static string HistoryToken(Welcome w) => $"customer:{w.CustomerId}:{w.ConversationId}:{w.SessionToken}";

    public static Task<GetTranscriptResponse> TranscriptAsync(GrpcChannel channel, string conversationId, string? token = null) =>
        new History.HistoryClient(channel).GetTranscriptAsync(new GetTranscriptRequest { ConversationId = conversationId },
            token is null ? null : new Metadata { { "authorization", $"Bearer {token}" } }).ResponseAsync;

    /// <summary>Everything a customer got, as the JSON text of each event: the note's text must be in none of it.</summary>
    public static void AssertNoTrace(IEnumerable<Google.Protobuf.IMessage> seen, string secret)
    {
        foreach (var e in seen)
        {
            Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal);
        }
    }
}
