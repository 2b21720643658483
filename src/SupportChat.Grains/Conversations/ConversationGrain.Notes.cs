using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Conversations;

/// <summary>Issue 21: private notes and the handover to a named agent.</summary>
public sealed partial class ConversationGrain
{
    private readonly ConversationNotes _notes;

    // The note a department transfer was made with, for whoever the queue assigns next. Only in memory: after a restart
    // the next agent still gets the note in its place among the messages (it is stored), just not first.
    private (string Note, string From)? _handover;

    public async Task<NoteView> AddNote(string agentId, string clientMsgId, string text)
    {
        var conversation = RequireFor(agentId);
        if (agentId == conversation.CustomerId)
        {
            throw ChatException.PermissionDenied("only agents write notes.");
        }

        conversation.EnsureOpen();
        var (note, fresh) = await _notes.AddAsync(conversation, agentId, conversation.AgentName ?? agentId, clientMsgId, text);
        var view = NoteView.Of(note);
        if (fresh)
        {
            await _observers.TellNoteAsync(conversation.CustomerId, agentId, view);
        }

        return view;
    }

    public async Task Handover(string agentId, string toAgentId, string note)
    {
        var conversation = RequireExisting();
        if (conversation.AgentId != agentId)
        {
            throw ChatException.PermissionDenied($"conversation {conversation.Id} is not yours to hand over.");
        }

        conversation.EnsureOpen();
        if (toAgentId == agentId)
        {
            throw ChatException.InvalidArgument("you cannot hand a conversation over to yourself.");
        }

        var to = GrainFactory.GetGrain<IAgentGrain>(toAgentId);
        var answer = await to.TryTakeHandover(conversation.Id);
        if (!answer.Accepted)
        {
            throw ChatException.FailedPrecondition($"cannot hand conversation {conversation.Id} over: {answer.Refusal}");
        }

        var fromName = conversation.AgentName ?? agentId;
        try
        {
            await KeepHandoverNoteAsync(conversation, agentId, fromName, note);
            conversation.Assign(toAgentId, answer.AgentName);
            var now = _time.UtcNowMs();
            await _store.SaveConversationAsync(conversation.ToRecord(),
                [ConversationEvents.HandedOver(conversation, now, agentId, fromName), ConversationEvents.Assigned(conversation, now)],
                CancellationToken.None);
        }
        catch
        {
            // Nothing of the handover was stored (a note may have been: it stays, as a note of the conversation).
            if (conversation.AgentId == toAgentId)
            {
                conversation.Assign(agentId, fromName);
            }

            _handover = null;
            await to.Release(conversation.Id);
            throw;
        }

        _agentTitle = answer.AgentTitle;
        HandoverLog.HandedOver(_logger, conversation.Id, agentId, toAgentId);
        await _log.AppendSystemAsync(conversation, $"{fromName} handed you over to {answer.AgentName}.");
        await _observers.DetachAsync(agentId, new EndedView(conversation.Id, EndedBy.Agent, $"handed over to {answer.AgentName}", conversation.LastSeq));
        await GrainFactory.GetGrain<IAgentGrain>(agentId).Release(conversation.Id);
        var assignment = new AssignmentView(conversation.Id, conversation.Department, toAgentId, answer.AgentName, answer.AgentTitle,
            conversation.CustomerId, conversation.CustomerName, conversation.StartedAt, conversation.CustomerEmail ?? string.Empty);
        await _observers.TellAssignedAsync(conversation.CustomerId, assignment); // the customer's view: never the note
        await to.NotifyAssigned(TakeHandover(assignment));
        await _board.ReportAsync(GrainFactory, conversation, _log.Messages);
    }

    /// <summary>Stores a transfer's or handover's note among the conversation's notes (in its place) and keeps it for the
    /// next agent's assignment, where it comes first.</summary>
    private async Task KeepHandoverNoteAsync(Conversation conversation, string agentId, string agentName, string note)
    {
        if (note.Length == 0)
        {
            _handover = null;
            return;
        }

        var (stored, fresh) = await _notes.AddAsync(conversation, agentId, agentName, Ids.NewMessageId(), note);
        if (fresh)
        {
            await _observers.TellNoteAsync(conversation.CustomerId, agentId, NoteView.Of(stored));
        }

        _handover = (note, agentName);
    }

    /// <summary>The agent's assignment, with the handover note once (the customer's assignment is built without it).</summary>
    private AssignmentView TakeHandover(AssignmentView assignment)
    {
        if (_handover is not { } handover)
        {
            return assignment;
        }

        _handover = null;
        return assignment with { HandoverNote = handover.Note, HandoverFrom = handover.From };
    }

    /// <summary>Notes are for agents: a customer's subscription never carries one.</summary>
    private IReadOnlyList<NoteView> NotesFor(Conversation conversation, string participantId, long afterSeq) =>
        participantId == conversation.CustomerId ? [] : _notes.From(afterSeq);
}
