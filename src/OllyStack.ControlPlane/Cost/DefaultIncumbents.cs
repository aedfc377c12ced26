namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// The incumbent list prices shipped with OllyStack, as the JSON document a caller could pass instead. Kept in the
/// assembly (not a file beside it) so the calculator works from any working directory. Every figure names its public
/// source and the date it was read; docs/cost.md explains each conversion.
/// </summary>
internal static class DefaultIncumbents
{
    public const string Json = """
        {
          "version": 1,
          "note": "Public list prices as read on the as_of dates, not quotes: check each source before relying on a figure. Only volume-priced log ingestion and retention is modelled; commitments, discounts and per-host, per-user or per-series charges are not.",
          "vendors": [
            {
              "vendor": "Datadog",
              "product": "Log Management: ingestion plus Standard Indexing with 15-day retention, billed annually",
              "billing_unit": "GB",
              "ingest_per_unit": 0.10,
              "free_units_per_month": 0,
              "per_million_events": 1.70,
              "included_retention_days": 15,
              "extra_retention_per_unit_month": null,
              "extra_retention_increment_days": null,
              "source": "https://www.datadoghq.com/pricing/?product=log-management",
              "as_of": "2026-11-24",
              "notes": "Ingestion $0.10 per GB; indexing $1.70 per million log events kept 15 days, billed annually ($2.55 on demand). Longer index retention is sold at higher per-event prices not listed here, so beyond 15 days this is a lower bound. Events = bytes / bytes_per_event."
            },
            {
              "vendor": "Grafana Cloud",
              "product": "Grafana Cloud Logs (Pro): GB written plus the first 30 days retained",
              "billing_unit": "GB",
              "ingest_per_unit": 0.50,
              "free_units_per_month": 50,
              "per_million_events": 0,
              "included_retention_days": 30,
              "extra_retention_per_unit_month": 0.10,
              "extra_retention_increment_days": 30,
              "source": "https://grafana.com/docs/grafana-cloud/cost-management-and-billing/understand-your-invoice/logs-invoice/",
              "as_of": "2026-11-24",
              "notes": "$0.40 per GB written and $0.10 per GB retained for the first 30 days (the page bills its example of 1,000 GB kept 30 days at $500); each further 30-day increment $0.10 per GB; 50 GB a month free. The page also lists $0.05 per GB processed before Adaptive Telemetry, and the plan has a platform fee: neither is included."
            },
            {
              "vendor": "New Relic",
              "product": "New Relic data ingest, original data option, US region",
              "billing_unit": "GB",
              "ingest_per_unit": 0.40,
              "free_units_per_month": 100,
              "per_million_events": 0,
              "included_retention_days": 30,
              "extra_retention_per_unit_month": null,
              "extra_retention_increment_days": null,
              "source": "https://newrelic.com/pricing",
              "as_of": "2026-11-24",
              "notes": "100 GB a month free, then $0.40 per GB ingested ($0.60 with Data Plus). Logs are kept 30 days by default; longer retention comes with Data Plus or a contract, so beyond 30 days this is a lower bound. Per-user seats are not included. An older copy of the data-ingest billing page on docs.newrelic.com gave $0.30 per GB: check this figure first."
            },
            {
              "vendor": "Google Cloud",
              "product": "Cloud Logging: log storage (ingestion) and retention",
              "billing_unit": "GiB",
              "ingest_per_unit": 0.50,
              "free_units_per_month": 50,
              "per_million_events": 0,
              "included_retention_days": 30,
              "extra_retention_per_unit_month": 0.01,
              "extra_retention_increment_days": null,
              "source": "https://cloud.google.com/stackdriver/pricing",
              "as_of": "2026-11-24",
              "notes": "$0.50 per GiB streamed into log buckets, including 30 days of storage; $0.01 per GiB per month for logs kept longer; the first 50 GiB per project per month free (counted once here)."
            }
          ]
        }
        """;
}
