using System.Text.Json;
using OllyStack.Alerting.Notifications.Configuration;
using OllyStack.Alerting.Notifications.Templates;

namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>
/// A Slack incoming-webhook message as Alertmanager builds it: channel, username and icon at the top, the rest in one
/// attachment (title, link, pretext, text, fallback, footer, color). Empty fields are left out, as Slack wants.
/// </summary>
public static class SlackPayload
{
    /// <exception cref="TemplateException">A field's template failed on this notification.</exception>
    public static byte[] Write(Notification notification, SlackMessageTemplates message, bool linkNames)
    {
        var data = new NotificationTemplateData(notification);
        string Run(Template template) => template.Execute(data);
        var channel = Run(message.Channel);
        var username = Run(message.Username);
        var iconEmoji = Run(message.IconEmoji);
        var iconUrl = Run(message.IconUrl);
        var title = Run(message.Title);
        var titleLink = Run(message.TitleLink);
        var pretext = Run(message.Pretext);
        var text = Run(message.Text);
        var fallback = Run(message.Fallback);
        var footer = Run(message.Footer);
        var color = Run(message.Color);
        return AlertJson.Write(json =>
        {
            json.WriteStartObject();
            WriteIfAny(json, "channel", channel);
            WriteIfAny(json, "username", username);
            WriteIfAny(json, "icon_emoji", iconEmoji);
            WriteIfAny(json, "icon_url", iconUrl);
            if (linkNames) json.WriteBoolean("link_names", true);
            json.WriteStartArray("attachments");
            json.WriteStartObject();
            WriteIfAny(json, "title", title);
            WriteIfAny(json, "title_link", titleLink);
            WriteIfAny(json, "pretext", pretext);
            json.WriteString("text", text);
            json.WriteString("fallback", fallback);
            WriteIfAny(json, "footer", footer);
            WriteIfAny(json, "color", color);
            json.WriteStartArray("mrkdwn_in");
            json.WriteStringValue("fallback");
            json.WriteStringValue("pretext");
            json.WriteStringValue("text");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteIfAny(Utf8JsonWriter json, string name, string value)
    {
        if (value.Length > 0) json.WriteString(name, value);
    }
}
