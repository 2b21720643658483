using System.Security.Cryptography;
using System.Text;

namespace SupportChat.Server.Webhooks;

/// <summary>
/// <c>SupportChat-Signature: sha256=HEX</c>, the HMAC-SHA256 under the webhook's secret of "TIMESTAMP.BODY" (the
/// <c>SupportChat-Timestamp</c> header, a dot, the body's bytes). The timestamp is signed too, so a receiver that refuses
/// old timestamps cannot be fed a recorded delivery again later.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Sign(byte[] secret, string timestamp, byte[] body)
    {
        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + 1 + body.Length];
        var at = Encoding.ASCII.GetBytes(timestamp, signed);
        signed[at] = (byte)'.';
        body.CopyTo(signed, at + 1);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed));
    }
}
