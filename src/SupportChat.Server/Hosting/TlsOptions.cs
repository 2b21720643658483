namespace SupportChat.Server.Hosting;

/// <summary>Section "Tls": the server's certificate, and whether plain HTTP/2 may leave this machine.</summary>
public sealed class TlsOptions
{
    public const string SectionName = "Tls";

    /// <summary>PEM certificate (chain) file; with <see cref="KeyPath"/>, every https:// address uses it.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key file of the certificate.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Listen without TLS on addresses other than loopback. Customers' messages then cross the network in clear text.</summary>
    public bool AllowInsecure { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(KeyPath);
}
