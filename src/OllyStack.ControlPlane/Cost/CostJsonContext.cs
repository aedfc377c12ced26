using System.Text.Json.Serialization;

namespace OllyStack.ControlPlane.Cost;

/// <summary>Source-generated JSON for the cost results and documents (the property names are the snake_case API names).</summary>
[JsonSerializable(typeof(WhatIfEstimate))]
[JsonSerializable(typeof(UsageCost))]
[JsonSerializable(typeof(CostPrices))]
[JsonSerializable(typeof(IncumbentPriceList))]
public sealed partial class CostJsonContext : JsonSerializerContext;
