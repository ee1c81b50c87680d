using System.Globalization;
using System.Security.Claims;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Ledger;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aigaq.Detentions;

/// <summary>A printed custody record: the file and the name to save it under.</summary>
public sealed record PrintedRecord(byte[] Pdf, string FileName);

/// <summary>
/// The custody record as a PDF (issue 14, item 8), for the defender or the detainee to keep: what the record's page
/// shows, in the reader's language and with the page's times and clock wording, and the log receipt of its registration
/// (entry, leaf hash, checkpoint, and where anyone can check it). It is read through <see cref="GetDetention"/>, so the
/// scope and need-to-know rules are the page's own, and the printing is logged as an access (<c>detention.pdf</c>).
/// </summary>
public sealed class PrintDetention(
    GetDetention get, AigaqDb db, LocalClock clock, IStringLocalizer<SharedResource> t, IOptions<AigaqOptions> options)
{
    public const string AccessAction = "detention.pdf";

    /// <summary>
    /// The record as a PDF, or null when there is none the user may see. <paramref name="site"/> is where the request
    /// reached Aigaq, for the receipt's address when no public address is set.
    /// </summary>
    public async Task<PrintedRecord?> HandleAsync(Guid id, ClaimsPrincipal user, Uri site, CancellationToken ct)
    {
        var d = await get.FindAsync(id, user, AccessAction, ct);
        if (d is null)
        {
            return null;
        }

        var facilities = await db.Set<Facility>().AsNoTracking().Select(f => new { f.Id, f.Name }).ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        string FacilityName(Guid facility) => facilities.GetValueOrDefault(facility) ?? facility.ToString();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var title = t["Custody record {0}", d.Number].Value;

        using var pdf = new PrintedDocument(title, language);
        pdf.Title(title)
            .Paragraph(t["CustodyStatus." + d.Status] + (d.IsMinor ? " · " + t["Minor"] : ""), bold: true)
            .Paragraph(t["Printed {0}.", clock.Format(clock.Now)] + " " + t["Times are local (Asia/Almaty, UTC+5)."]);

        pdf.Heading(t["Person"])
            .Fact(t["Name"], string.Join(' ', new[] { d.Person.LastName, d.Person.FirstName, d.Person.Patronymic }.Where(n => !string.IsNullOrEmpty(n))));
        if (d.Person.BirthDate is { } born)
        {
            pdf.Fact(t["Birth date"], born.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        }

        if (d.Person.Iin is not null)
        {
            pdf.Fact(t["IIN"], d.Person.Iin);
        }

        pdf.Fact(t["Grounds"], (t["GroundsKind." + d.Grounds.Kind] + " " + d.Grounds.Article).Trim())
            .Fact(t["Place"], d.Place.Address)
            .Fact(t["Region"], Regions.Find(d.Region)?.Name(language) ?? d.Region)
            .Fact(t["Agency"], d.Agency)
            .Fact(t["Officers"], string.Join(", ", d.Officers.Select(o => o.Name + " (" + o.Badge + ")")))
            .Fact(t["Taken to"], FacilityName(d.Destination.FacilityId))
            .Fact(t["Now held at"], FacilityName(d.CurrentFacilityId));

        pdf.Heading(t["Times"])
            .Fact(t["Detained (stated by the officer)"], clock.Format(d.DetainedAt))
            .Fact(t["Received by the server"], clock.Format(d.RecordedAt))
            .Fact(t["Rights explained"], d.RightsExplainedAt is { } r ? clock.Format(r) : t["Not recorded"]);

        DateTimeOffset? FirstOf(string type) =>
            d.Timeline.Where(e => e.Type == type && e.Corrects is null).Select(e => (DateTimeOffset?)e.At).FirstOrDefault();
        string Clock(DateTimeOffset until, DateTimeOffset? metAt) =>
            metAt is { } met ? t["Done"] + ": " + clock.Format(met) + " (" + t["by {0}", clock.Format(until)] + ")"
            : d.Status == CustodyStatus.Released ? t["Released"] + " (" + t["by {0}", clock.Format(until)] + ")"
            : t["by {0}", clock.Format(until)] + " · " + Durations.Clock(clock.Left(until), t);
        pdf.Heading(t["Custody clocks"])
            .Fact(t["Court decision"], Clock(d.Deadlines.CourtBy, FirstOf(EventTypes.CourtDecision)))
            .Fact(t["Detention protocol"], Clock(d.Deadlines.ProtocolBy, FirstOf(EventTypes.ProtocolDrawn)))
            .Fact(t["Delivery to the facility"], Clock(d.Deadlines.DeliveryBy, FirstOf(EventTypes.ArrivedAtFacility)));

        pdf.Heading(t["Alerts"]);
        if (d.Alerts.Count == 0)
        {
            pdf.Paragraph(t["No alerts."]);
        }

        foreach (var a in d.Alerts)
        {
            pdf.Fact(t["AlertStatus." + a.Status], t["Alert." + a.Code] + ". " + t["Raised {0}", clock.Format(a.RaisedAt)]
                + (a.Comment is null ? "" : ". " + t["Comment"] + ": " + a.Comment));
        }

        pdf.Heading(t["Timeline"]).Fact(clock.Format(d.DetainedAt), t["Detained"]);
        foreach (var e in d.Timeline)
        {
            var lines = new List<string> { t["Event." + e.Type] };
            foreach (var (name, value) in e.Fields)
            {
                var shown = value?.ToString() ?? "";
                if (name == "facilityId" && Guid.TryParse(shown, out var facility))
                {
                    shown = FacilityName(facility);
                }
                else if (shown is "true" or "false")
                {
                    shown = shown == "true" ? t["Yes"] : t["No"];
                }

                lines.Add(t["Field." + name] + ": " + shown);
            }

            if (e.Corrects is not null)
            {
                lines.Add(t["Correction"] + ": " + e.Reason);
            }

            pdf.Fact(clock.Format(e.At), string.Join('\n', lines));
        }

        pdf.Heading(t["Notifications"]);
        foreach (var n in d.Notifications)
        {
            pdf.Fact(t["Recipient." + n.Role], n.Address + " · " + t["Channel." + n.Channel] + " · " + t["NotificationStatus." + n.Status]
                + (n.SentAt is { } sent ? " " + clock.Format(sent) : ""));
        }

        await ReceiptAsync(pdf, d, site, ct);
        return new PrintedRecord(pdf.ToBytes(), $"aigaq-{d.Number}.pdf");
    }

    /// <summary>The address of the public page that shows entry <paramref name="index"/>'s receipt, ready to check.</summary>
    public static string ReceiptUrl(Uri site, long index) =>
        string.Create(CultureInfo.InvariantCulture, $"{site.GetLeftPart(UriPartial.Authority)}/log/receipt?index={index}");

    /// <summary>The log receipt of the registration, with the address of the public form that checks it.</summary>
    private async Task ReceiptAsync(PrintedDocument pdf, DetentionView d, Uri site, CancellationToken ct)
    {
        pdf.Heading(t["Transparency log"]);
        if (d.Log is not { } log)
        {
            pdf.Paragraph(t["The record has no log entry yet."]);
            return;
        }

        var url = ReceiptUrl(options.Value.PublicUrl ?? site, log.Index);
        pdf.Fact(t["Entry"], log.Index.ToString(CultureInfo.InvariantCulture))
            .Fact(t["Leaf hash"], log.LeafHash);
        if (log.WitnessedBy is { } w)
        {
            pdf.Fact(t["Witnesses"], t["In the log no later than {0}, as witnessed by {1} (checkpoint of size {2}).", clock.Format(w.At), string.Join(", ", w.Witnesses), w.Size]);
        }

        var receipt = await LedgerEndpoints.ReceiptTextAsync(db, log.Index, withCosignatures: true, ct);
        if (receipt is null || !TlogProof.TryParse(receipt, out var proof))
        {
            pdf.Fact(t["Check it at"], url).Paragraph(t["The entry is not in a signed checkpoint yet: its receipt can be had at this address soon."]);
            return;
        }

        pdf.Fact(t["Signed checkpoint"], proof.Checkpoint.Text.TrimEnd('\n'))
            .Fact(t["Check it at"], url)
            .Paragraph(t["Anyone can check this receipt: open the address above, or paste the text below into the receipt check of this log. It proves that the record was entered in the log and has not been changed since."])
            .Monospaced(receipt.TrimEnd('\n'));
    }
}
