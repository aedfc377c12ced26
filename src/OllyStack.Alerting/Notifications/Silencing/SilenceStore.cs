using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications.Silencing;

/// <summary>
/// A tenant's silences, with Alertmanager's rules for creating, changing and expiring them; every change is written to
/// the tenant's silences file before it is acknowledged. Expired silences are kept for <see cref="Retention"/> (as
/// Alertmanager's data retention), then dropped.
/// </summary>
public sealed class SilenceStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(120);

    private readonly object _gate = new();
    private readonly string? _path;
    private readonly bool _fsync;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Silence> _silences;

    /// <param name="path">The silences file; null keeps them in memory only.</param>
    public SilenceStore(string? path, TimeProvider time, bool fsync = true)
    {
        _path = path;
        _fsync = fsync;
        _time = time;
        _silences = (path is null ? [] : SilenceFile.Read(path)).ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>Creates a silence, or changes the one the request names; returns the id, which is new when the change
    /// cannot be made in place (the old silence is then expired, as Alertmanager does).</summary>
    /// <exception cref="SilenceException">Invalid, or naming no silence.</exception>
    public string Set(SilenceRequest request)
    {
        var now = _time.GetUtcNow();
        Validate(request, now);
        lock (_gate)
        {
            Silence? existing = null;
            if (request.Id is { } id && !_silences.TryGetValue(id, out existing))
                throw new SilenceException($"silence {id} not found", notFound: true);
            var silence = existing is not null && CanUpdateInPlace(existing, request, now)
                ? existing with { Matchers = request.Matchers, StartsAt = request.StartsAt, EndsAt = request.EndsAt, UpdatedAt = now, CreatedBy = request.CreatedBy, Comment = request.Comment }
                : Create(request, now);
            if (existing is not null && silence.Id != existing.Id && existing.StateAt(now) != SilenceState.Expired)
                _silences[existing.Id] = Expired(existing, now);
            _silences[silence.Id] = silence;
            Save(now);
            return silence.Id;
        }
    }

    /// <exception cref="SilenceException">No such silence, or it has already expired.</exception>
    public void Expire(string id)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_silences.TryGetValue(id, out var silence)) throw new SilenceException($"silence {id} not found", notFound: true);
            if (silence.StateAt(now) == SilenceState.Expired) throw new SilenceException($"silence {id} already expired");
            _silences[id] = Expired(silence, now);
            Save(now);
        }
    }

    public Silence? Get(string id)
    {
        lock (_gate) return _silences.GetValueOrDefault(id);
    }

    /// <summary>Alertmanager's order: active ones ending soonest first, then pending ones starting soonest, then expired ones, latest first.</summary>
    public List<Silence> List()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _silences.Values
                .OrderBy(s => s.StateAt(now) switch { SilenceState.Active => 0, SilenceState.Pending => 1, _ => 2 })
                .ThenBy(s => s.StateAt(now) switch
                {
                    SilenceState.Active => s.EndsAt.UtcTicks,
                    SilenceState.Pending => s.StartsAt.UtcTicks,
                    _ => -s.EndsAt.UtcTicks,
                })
                .ToList();
        }
    }

    /// <summary>Whether an active silence mutes an alert with these labels.</summary>
    public bool Mutes(Labels labels, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var silence in _silences.Values)
                if (silence.Mutes(labels, now)) return true;
            return false;
        }
    }

    private static void Validate(SilenceRequest request, DateTimeOffset now)
    {
        if (request.Matchers.Count == 0) throw new SilenceException("at least one matcher required");
        if (request.Matchers.All(m => m.Matches(""))) throw new SilenceException("at least one matcher must not match the empty string");
        if (request.EndsAt <= request.StartsAt) throw new SilenceException("start time must be before end time");
        if (request.EndsAt < now) throw new SilenceException("end time can't be in the past");
    }

    /// <summary>Alertmanager's rule: same matchers; an active silence keeps its start; a pending one may not start in the past.</summary>
    private static bool CanUpdateInPlace(Silence existing, SilenceRequest request, DateTimeOffset now)
    {
        if (!existing.Matchers.SequenceEqual(request.Matchers)) return false;
        return existing.StateAt(now) switch
        {
            SilenceState.Active => request.StartsAt == existing.StartsAt && request.EndsAt >= now,
            SilenceState.Pending => request.StartsAt >= now,
            _ => false,
        };
    }

    private static Silence Create(SilenceRequest request, DateTimeOffset now) => new(
        Guid.NewGuid().ToString(), request.Matchers, request.StartsAt < now ? now : request.StartsAt, request.EndsAt, now,
        request.CreatedBy, request.Comment);

    private static Silence Expired(Silence silence, DateTimeOffset now) => silence.StateAt(now) == SilenceState.Pending
        ? silence with { StartsAt = now, EndsAt = now, UpdatedAt = now }
        : silence with { EndsAt = now, UpdatedAt = now };

    private void Save(DateTimeOffset now)
    {
        foreach (var stale in _silences.Values.Where(s => s.EndsAt + Retention < now).Select(s => s.Id).ToList()) _silences.Remove(stale);
        if (_path is not null) SilenceFile.Write(_path, _silences.Values.OrderBy(s => s.Id, StringComparer.Ordinal), _fsync);
    }
}
