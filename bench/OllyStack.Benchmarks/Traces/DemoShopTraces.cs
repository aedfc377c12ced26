namespace OllyStack.Benchmarks.Traces;

/// <summary>
/// Traces of a simulated OpenTelemetry demo shop, with the services and calls of the real demo
/// (../shared/datasets/opentelemetry/otel-demo/services.json): user actions in the load generator's proportions, each
/// a trace from the proxy through the frontend to the services behind it, with the attributes their instrumentations
/// and the demo's code set, Go's gRPC message events, and failures with exception events (a quarter of the lookups of
/// one product, as the demo's failure flag does, and 2 % of payments). About ten spans a trace on average; checkouts
/// have 30 to 50. Deterministic for a seed.
/// </summary>
public sealed partial class DemoShopTraces
{
    private const int Users = 2_000;
    private const string GoStack = "goroutine 1 [running]:\nmain.(*productCatalog).GetProduct(...)\n\t/usr/src/app/main.go:312 +0x1d4\n" +
        "github.com/open-telemetry/opentelemetry-demo/pb._ProductCatalogService_GetProduct_Handler(...)\n\t/usr/src/app/genproto/oteldemo/demo_grpc.pb.go:604 +0x1c4";
    private const string NodeStack = "Error: Invalid token. app.loyalty.level=gold\n    at module.exports.charge (/usr/src/app/charge.js:37:11)\n" +
        "    at Object.chargeServiceHandler [as charge] (/usr/src/app/index.js:21:22)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)";
    private static readonly string[] Currencies = ["USD", "USD", "USD", "EUR", "CAD", "JPY", "GBP", "TRY"];
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "python-requests/2.32.3",
    ];
    private static readonly string[] ProductNames =
    [
        "Refractor 80mm f/6", "Dobsonian 8 inch", "Solar Filter Film", "Red Dot Finder", "Star Atlas, 3rd edition",
        "Binoculars 10x50", "Equatorial Mount EQ3", "Eyepiece Kit 5 pieces", "Lens Cleaning Pen", "Planisphere 40N",
    ];

    private readonly Random _random;
    private readonly TraceRecorder _trace;
    private readonly DemoShopService _proxy, _frontend, _productCatalog, _cart, _currency, _checkout, _payment, _shipping, _quote, _email, _recommendation, _ad;
    private readonly (string Id, string Name, double Price)[] _products;
    private readonly User[] _users;
    private readonly (int Weight, Func<long, Outcome> Run)[] _actions;
    private User _user;
    private long _kafkaOffset;

    /// <summary>Who is making the current trace's request.</summary>
    private readonly record struct User(string Id, string Session, string Agent, string Address, string Currency);

    public DemoShopTraces(int seed)
    {
        _random = new Random(seed);
        _trace = new TraceRecorder(_random);
        _proxy = DemoShopService.Create(_random, "frontend-proxy", 8080, "cpp", "envoy", "1.32.1", ("envoy", "1.32.1"), ("envoy", "1.32.1"));
        _frontend = DemoShopService.Create(_random, "frontend", 8080, "nodejs", "nodejs", "1.30.1",
            ("@opentelemetry/instrumentation-http", "0.57.2"), ("@opentelemetry/instrumentation-grpc", "0.57.2"), instances: 3);
        _productCatalog = DemoShopService.Create(_random, "product-catalog", 3550, "go", "go", "1.34.0", OtelGrpc, OtelGrpc);
        _cart = DemoShopService.Create(_random, "cart", 7070, "dotnet", ".NET", "1.11.2",
            ("OpenTelemetry.Instrumentation.AspNetCore", "1.11.1"), ("OpenTelemetry.Instrumentation.StackExchangeRedis", "1.11.0-beta.2"));
        _currency = DemoShopService.Create(_random, "currency", 7001, "cpp", "cpp", "1.19.0", ("currency", "1.19.0"), ("currency", "1.19.0"));
        _checkout = DemoShopService.Create(_random, "checkout", 5050, "go", "go", "1.34.0", OtelGrpc, OtelGrpc);
        _payment = DemoShopService.Create(_random, "payment", 50051, "nodejs", "nodejs", "1.30.1",
            ("@opentelemetry/instrumentation-grpc", "0.57.2"), ("@opentelemetry/instrumentation-grpc", "0.57.2"));
        _shipping = DemoShopService.Create(_random, "shipping", 50050, "rust", "rust", "0.27.1",
            ("opentelemetry-instrumentation-actix-web", "0.21.0"), ("reqwest-tracing", "0.5.5"));
        _quote = DemoShopService.Create(_random, "quote", 8090, "php", "php", "1.1.2", ("io.opentelemetry.contrib.php.slim", "1.1.0"), ("quote", "1.1.2"));
        _email = DemoShopService.Create(_random, "email", 6060, "ruby", "ruby", "1.8.0", ("OpenTelemetry::Instrumentation::Sinatra", "0.24.1"), ("email", "1.8.0"));
        _recommendation = DemoShopService.Create(_random, "recommendation", 9001, "python", "cpython", "1.31.1",
            ("opentelemetry.instrumentation.grpc", "0.52b1"), ("opentelemetry.instrumentation.grpc", "0.52b1"));
        _ad = DemoShopService.Create(_random, "ad", 9555, "java", "OpenJDK Runtime Environment", "1.47.0",
            ("io.opentelemetry.grpc-1.6", "2.13.3-alpha"), ("io.opentelemetry.grpc-1.6", "2.13.3-alpha"));
        _products = [.. ProductNames.Select(name => (RandomText.Code(_random, 10), name, Math.Round(5 + _random.NextDouble() * 900, 2)))];
        _users = [.. Enumerable.Range(0, Users).Select(_ => new User(RandomText.Uuid(_random), RandomText.Uuid(_random), Agents[_random.Next(Agents.Length)],
            $"172.{16 + _random.Next(16)}.{_random.Next(256)}.{_random.Next(1, 255)}", Currencies[_random.Next(Currencies.Length)]))];
        // The load generator's task weights: browsing dominates, one action in 23 is a checkout.
        _actions = [(10, BrowseProduct), (3, Recommendations), (3, Ads), (3, ViewCart), (2, AddToCart), (1, Checkout), (1, Home)];
    }

    private static (string, string) OtelGrpc => ("go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc", "0.59.0");

    /// <summary>Records the trace of the next user action, starting at <paramref name="startUnixNano"/>; valid until the next call.</summary>
    public TraceRecorder Next(long startUnixNano)
    {
        _trace.Begin();
        _user = _users[_random.Next(_users.Length)];
        var pick = _random.Next(_actions.Sum(a => a.Weight));
        foreach (var (weight, run) in _actions)
        {
            if (pick < weight)
            {
                run(startUnixNano);
                break;
            }
            pick -= weight;
        }
        return _trace;
    }

    private Outcome BrowseProduct(long start)
    {
        var product = _products[_random.Next(_products.Length)];
        return Ingress(start, "GET", $"/api/products/{product.Id}?currencyCode={_user.Currency}", "/api/products/[productId]", (frontend, at) =>
        {
            var found = Grpc(frontend, at, _productCatalog, "ProductCatalogService", "GetProduct", (c, t) => GetProduct(c, t, product));
            return found.Failed || _user.Currency == "USD" ? found : Grpc(frontend, found.EndUnixNano, _currency, "CurrencyService", "Convert", (c, t) => Convert(c, t, "USD", _user.Currency));
        });
    }

    private Outcome Recommendations(long start)
    {
        var product = _products[_random.Next(_products.Length)];
        return Ingress(start, "GET", $"/api/recommendations?productIds={product.Id}&sessionId={_user.Session}&currencyCode={_user.Currency}", "/api/recommendations", (frontend, at) =>
        {
            var listed = Grpc(frontend, at, _recommendation, "RecommendationService", "ListRecommendations", ListRecommendations);
            return listed.Failed ? listed : EachProduct(frontend, listed.EndUnixNano, 4);
        });
    }

    private Outcome Ads(long start)
    {
        var category = _random.Next(3) switch { 0 => "telescopes", 1 => "binoculars", _ => "accessories" };
        return Ingress(start, "GET", $"/api/data?contextKeys={category}", "/api/data", (frontend, at) =>
            Grpc(frontend, at, _ad, "AdService", "GetAds", (c, t) => GetAds(c, t, category)));
    }

    private Outcome ViewCart(long start) =>
        Ingress(start, "GET", $"/api/cart?sessionId={_user.Session}&currencyCode={_user.Currency}", "/api/cart", (frontend, at) =>
        {
            var cart = Grpc(frontend, at, _cart, "CartService", "GetCart", GetCart);
            return cart.Failed ? cart : EachProduct(frontend, cart.EndUnixNano, _random.Next(4));
        });

    private Outcome AddToCart(long start)
    {
        var product = _products[_random.Next(_products.Length)];
        return Ingress(start, "POST", "/api/cart", "/api/cart", (frontend, at) =>
        {
            var found = Grpc(frontend, at, _productCatalog, "ProductCatalogService", "GetProduct", (c, t) => GetProduct(c, t, product));
            return found.Failed ? found : Grpc(frontend, found.EndUnixNano, _cart, "CartService", "AddItem", (c, t) => AddItem(c, t, product.Id));
        });
    }

    private Outcome Checkout(long start) =>
        Ingress(start, "POST", $"/api/checkout?currencyCode={_user.Currency}", "/api/checkout", (frontend, at) =>
            Grpc(frontend, at, _checkout, "CheckoutService", "PlaceOrder", PlaceOrder));

    private Outcome Home(long start) =>
        Ingress(start, "GET", "/", "/", (frontend, at) =>
        {
            var listed = Grpc(frontend, at, _productCatalog, "ProductCatalogService", "ListProducts", ListProducts);
            return Grpc(frontend, listed.EndUnixNano, _currency, "CurrencyService", "GetSupportedCurrencies", SupportedCurrencies);
        });

    /// <summary>The frontend fetching several products at once: concurrent lookups, done when the slowest is.</summary>
    private Outcome EachProduct(Caller frontend, long start, int count)
    {
        var outcome = new Outcome(start);
        for (var i = 0; i < count; i++)
        {
            var product = _products[_random.Next(_products.Length)];
            var found = Grpc(frontend, start + i * 20_000, _productCatalog, "ProductCatalogService", "GetProduct", (c, t) => GetProduct(c, t, product));
            outcome = new Outcome(Math.Max(outcome.EndUnixNano, found.EndUnixNano), outcome.Error ?? found.Error);
        }
        return outcome;
    }

    private Outcome GetProduct(Caller catalog, long start, (string Id, string Name, double Price) product)
    {
        var end = start + _trace.Duration(400);
        catalog.Span.Attributes.Add([OtlpAttribute.Of("app.product.id", product.Id), OtlpAttribute.Of("app.product.name", product.Name)]);
        // The demo's productCatalogFailure flag fails lookups of one product.
        return product.Id == _products[0].Id && _random.Next(4) == 0
            ? Fail(catalog.Span, end, "*errors.errorString", $"Error: Product Catalog Fail Feature Flag Enabled for {product.Id}", GoStack)
            : new Outcome(end);
    }

    private Outcome ListProducts(Caller catalog, long start)
    {
        catalog.Span.Attributes.Add(OtlpAttribute.Of("app.products.count", (long)_products.Length));
        return new Outcome(start + _trace.Duration(900));
    }

    private Outcome Convert(Caller currency, long start, string from, string to)
    {
        currency.Span.Attributes.Add([OtlpAttribute.Of("app.currency.conversion.from", from), OtlpAttribute.Of("app.currency.conversion.to", to)]);
        return new Outcome(start + _trace.Duration(80));
    }

    private Outcome SupportedCurrencies(Caller currency, long start)
    {
        currency.Span.Attributes.Add(OtlpAttribute.Of("app.currencies.count", 33L));
        return new Outcome(start + _trace.Duration(60));
    }

    private Outcome GetCart(Caller cart, long start)
    {
        cart.Span.Attributes.Add([OtlpAttribute.Of("app.user.id", _user.Id), OtlpAttribute.Of("app.cart.items.count", (long)_random.Next(5))]);
        return new Outcome(Redis(cart, start, "HGETALL") + _trace.Duration(50));
    }

    private Outcome AddItem(Caller cart, long start, string productId)
    {
        cart.Span.Attributes.Add([
            OtlpAttribute.Of("app.user.id", _user.Id), OtlpAttribute.Of("app.product.id", productId),
            OtlpAttribute.Of("app.product.quantity", (long)(1 + _random.Next(3))),
        ]);
        var end = Redis(cart, start, "HGET");
        end = Redis(cart, end, "HSET");
        return new Outcome(Redis(cart, end, "EXPIRE") + _trace.Duration(50));
    }

    private Outcome EmptyCart(Caller cart, long start)
    {
        cart.Span.Attributes.Add(OtlpAttribute.Of("app.user.id", _user.Id));
        return new Outcome(Redis(cart, start, "DEL") + _trace.Duration(50));
    }

    private Outcome ListRecommendations(Caller recommendation, long start)
    {
        var list = Internal(recommendation, "get_product_list", start + _trace.Duration(100));
        var listed = Grpc(list, (long)list.Span.StartTimeUnixNano + _trace.Duration(50), _productCatalog, "ProductCatalogService", "ListProducts", ListProducts);
        End(list.Span, listed.EndUnixNano + _trace.Duration(300));
        list.Span.Attributes.Add(OtlpAttribute.Of("app.filtered_products.count", (long)_products.Length - 1));
        recommendation.Span.Attributes.Add(OtlpAttribute.Of("app.products_recommended.count", 5L));
        return listed with { EndUnixNano = (long)list.Span.EndTimeUnixNano + _trace.Duration(200) };
    }

    private Outcome GetAds(Caller ad, long start, string category)
    {
        var lookup = Internal(ad, "getAdsByCategory", start);
        End(lookup.Span, start + _trace.Duration(300));
        lookup.Span.Attributes.Add([OtlpAttribute.Of("app.ads.category", category), OtlpAttribute.Of("app.ads.count", 2L)]);
        ad.Span.Attributes.Add([
            OtlpAttribute.Of("app.ads.contextKeys", $"[{category}]"), OtlpAttribute.Of("app.ads.contextKeys.count", 1L), OtlpAttribute.Of("app.ads.count", 2L),
            OtlpAttribute.Of("app.ads.ad_request_type", "TARGETED"), OtlpAttribute.Of("app.ads.ad_response_type", "TARGETED"),
        ]);
        return new Outcome((long)lookup.Span.EndTimeUnixNano + _trace.Duration(100));
    }

    private Outcome PlaceOrder(Caller checkout, long start)
    {
        var items = 1 + _random.Next(4);
        var prepare = Internal(checkout, "prepareOrderItemsAndShippingQuoteFromCart", start);
        var step = Grpc(prepare, start + _trace.Duration(30), _cart, "CartService", "GetCart", GetCart);
        var amount = 0.0;
        for (var i = 0; i < items && !step.Failed; i++)
        {
            var product = _products[_random.Next(_products.Length)];
            amount += product.Price;
            step = Grpc(prepare, step.EndUnixNano, _productCatalog, "ProductCatalogService", "GetProduct", (c, t) => GetProduct(c, t, product));
            if (!step.Failed) step = Grpc(prepare, step.EndUnixNano, _currency, "CurrencyService", "Convert", (c, t) => Convert(c, t, "USD", _user.Currency));
        }
        var shippingCost = Math.Round(4.99 + items * 2.5, 2);
        if (!step.Failed) step = Http(prepare, step.EndUnixNano, _shipping, "POST", "/get-quote", "Go-http-client/1.1", (c, t) => GetQuote(c, t, items, shippingCost));
        if (!step.Failed) step = Grpc(prepare, step.EndUnixNano, _currency, "CurrencyService", "Convert", (c, t) => Convert(c, t, "USD", _user.Currency));
        End(prepare.Span, step.EndUnixNano + _trace.Duration(20));
        if (step.Failed) return Fail(checkout.Span, (long)prepare.Span.EndTimeUnixNano, "*fmt.wrapError", $"failed to prepare order: {step.Error}", GoStack);

        var charged = Grpc(checkout, (long)prepare.Span.EndTimeUnixNano, _payment, "PaymentService", "Charge", (c, t) => Charge(c, t, amount));
        if (charged.Failed) return Fail(checkout.Span, charged.EndUnixNano, "*fmt.wrapError", $"failed to charge card: {charged.Error}", GoStack);
        var trackingId = RandomText.Uuid(_random);
        var orderId = RandomText.Uuid(_random);
        var end = Http(checkout, charged.EndUnixNano, _shipping, "POST", "/ship-order", "Go-http-client/1.1", (c, t) => ShipOrder(c, t, trackingId)).EndUnixNano;
        end = Grpc(checkout, end, _cart, "CartService", "EmptyCart", EmptyCart).EndUnixNano;
        end = Http(checkout, end, _email, "POST", "/send_order_confirmation", "Go-http-client/1.1", (c, t) => SendConfirmation(c, t, orderId)).EndUnixNano;
        end = Publish(checkout, end, "orders");
        checkout.Span.Attributes.Add([
            OtlpAttribute.Of("app.user.id", _user.Id), OtlpAttribute.Of("app.user.currency", _user.Currency), OtlpAttribute.Of("app.order.id", orderId),
            OtlpAttribute.Of("app.shipping.tracking.id", trackingId), OtlpAttribute.Of("app.shipping.amount", shippingCost),
            OtlpAttribute.Of("app.order.amount", Math.Round(amount + shippingCost, 2)), OtlpAttribute.Of("app.order.items.count", (long)items),
        ]);
        return new Outcome(end + _trace.Duration(50));
    }

    private Outcome GetQuote(Caller shipping, long start, int items, double cost)
    {
        var quoted = Http(shipping, start + _trace.Duration(50), _quote, "POST", "/getquote", "reqwest/0.12.9", (quote, t) =>
        {
            var calculate = Internal(quote, "calculate-quote", t);
            End(calculate.Span, t + _trace.Duration(800));
            calculate.Span.Attributes.Add([OtlpAttribute.Of("app.quote.items.count", (long)items), OtlpAttribute.Of("app.quote.cost.total", cost)]);
            return new Outcome((long)calculate.Span.EndTimeUnixNano + _trace.Duration(100));
        });
        shipping.Span.Attributes.Add([OtlpAttribute.Of("app.shipping.zip_code", $"{10_000 + _random.Next(89_999)}"), OtlpAttribute.Of("app.shipping.cost.total", cost)]);
        return quoted with { EndUnixNano = quoted.EndUnixNano + _trace.Duration(50) };
    }

    private Outcome ShipOrder(Caller shipping, long start, string trackingId)
    {
        shipping.Span.Attributes.Add(OtlpAttribute.Of("app.shipping.tracking.id", trackingId));
        return new Outcome(start + _trace.Duration(300));
    }

    private Outcome Charge(Caller payment, long start, double amount)
    {
        var charge = Internal(payment, "charge", start);
        var end = start + _trace.Duration(1_500);
        End(charge.Span, end);
        var loyalty = _random.Next(3) switch { 0 => "gold", 1 => "silver", _ => "platinum" };
        charge.Span.Attributes.Add([
            OtlpAttribute.Of("app.payment.card_type", _random.Next(2) == 0 ? "visa" : "mastercard"), OtlpAttribute.Of("app.payment.card_valid", true),
            OtlpAttribute.Of("app.loyalty.level", loyalty), OtlpAttribute.Of("app.payment.amount", Math.Round(amount, 2)),
        ]);
        if (_random.Next(50) == 0) return Fail(charge.Span, end, "Error", "Invalid token. app.loyalty.level=gold", NodeStack);
        payment.Span.Attributes.Add(OtlpAttribute.Of("app.payment.transaction.id", RandomText.Uuid(_random)));
        return new Outcome(end + _trace.Duration(100));
    }

    private Outcome SendConfirmation(Caller email, long start, string orderId)
    {
        var send = Internal(email, "send_email", start);
        End(send.Span, start + _trace.Duration(6_000));
        send.Span.Attributes.Add(OtlpAttribute.Of("app.email.recipient", $"{_user.Id[..8]}@example.com"));
        email.Span.Attributes.Add(OtlpAttribute.Of("app.order.id", orderId));
        return new Outcome((long)send.Span.EndTimeUnixNano + _trace.Duration(100));
    }
}
