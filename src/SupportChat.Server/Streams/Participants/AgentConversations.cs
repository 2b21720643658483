using SupportChat.Domain;
using SupportChat.Protocol.Rules;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Participants;

/// <summary>Which conversation an agent's command means: an agent may have several open, and names one, or none
/// when it has only one.</summary>
internal static class AgentConversations
{
    /// <summary>The named conversation if the agent is in it, or its only open one when none is named.</summary>
    public static string Resolve(ParticipantSession session, string requested)
    {
        var open = session.OpenConversations.ToList();
        if (requested.Length != 0)
        {
            if (!CommandRules.IsConversationId(requested))
            {
                throw ChatException.NotAParticipant(requested);
            }

            if (session.HasEnded(requested) && !open.Contains(requested))
            {
                throw ChatException.FailedPrecondition($"conversation {requested} has ended or is no longer yours.");
            }

            // The conversation grain decides who takes part: an assignment may reach the grain before
            // this stream has heard of it.
            return requested;
        }

        return open.Count switch
        {
            1 => open[0],
            0 => throw ChatException.FailedPrecondition("you have no open conversation."),
            _ => throw ChatException.InvalidArgument(
                $"you have {open.Count} open conversations ({string.Join(", ", open.Order())}); name the conversation."),
        };
    }

    /// <summary>Whether a send naming <paramref name="requested"/> goes to <paramref name="conversationId"/>, which an
    /// earlier send of the same run resolved to.</summary>
    public static bool IsSame(ParticipantSession session, string requested, string conversationId)
    {
        if (requested.Length != 0)
        {
            return requested == conversationId;
        }

        try
        {
            return Resolve(session, requested) == conversationId;
        }
        catch (ChatException)
        {
            return false;
        }
    }
}
