using SupportChat.Domain;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Streams.Commands;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Participants;

/// <summary>Issue 21: an agent's Note command, and Transfer with its agent and note. Refusals go back as Error events
/// naming the command's conversation (and a note's client_msg_id), as for any other command.</summary>
internal static class AgentNoteCommands
{
    /// <summary>Stores the note; the stored note comes back to the writer as a PrivateNote event (its acknowledgement).</summary>
    public static async Task NoteAsync(ParticipantSession session, IChatGrains grains, string agentId, Note command, ILogger logger)
    {
        try
        {
            var conversationId = AgentConversations.Resolve(session, command.ConversationId);
            var clientMsgId = CommandRules.ClientMsgId(command.ClientMsgId);
            var text = NoteRules.Text(command.Text);
            var note = await grains.Conversation(conversationId).AddNote(agentId, clientMsgId, text);
            session.Post(new NoteInput(note));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!ChatErrors.TryDescribe(ex, out var code, out var message))
            {
                ServerLog.CommandFailed(logger, ex, session.ParticipantId);
            }

            session.Post(new ErrorInput(code, message, command.ClientMsgId, command.ConversationId));
        }
    }

    /// <summary>To a department (with an optional note for whoever the queue assigns next) or, by id or name, to an agent
    /// who takes it over at once.</summary>
    public static Task TransferAsync(ParticipantSession session, IChatGrains grains, DepartmentCatalog departments, string agentId, Transfer command,
        ILogger logger) =>
        CommandGuard.RunAsync(session, logger, command.ConversationId, () =>
        {
            var conversationId = AgentConversations.Resolve(session, command.ConversationId);
            var note = NoteRules.Optional(command.Note);
            if (command.Agent.Length == 0)
            {
                return grains.Conversation(conversationId).TransferWithNote(agentId, departments.Resolve(command.Department), note);
            }

            if (command.Department.Length > 0)
            {
                throw ChatException.InvalidArgument("a transfer names a department or an agent, not both.");
            }

            var toAgentId = Ids.AgentIdFromName(CommandRules.Name(command.Agent, "agent"));
            return grains.Conversation(conversationId).Handover(agentId, toAgentId, note);
        });
}
