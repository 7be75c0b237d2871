package io.github.voicegender.report;

import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small pieces shared by the HTML reports: escaping, number formats, the page frame, files. */
final class Html {

  private Html() {}

  static final String CSS = """
      :root { --text:#1f2937; --muted:#6b7280; --line:#e5e7eb; --soft:#f9fafb; --ok:#15803d;
              --okbg:#dcfce7; --bad:#b91c1c; --badbg:#fee2e2; --male:#2f6db5; --female:#d9534f; }
      * { box-sizing:border-box; }
      body { margin:0; font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
             color:var(--text); background:#f3f4f6; }
      main { max-width:1080px; margin:0 auto; padding:28px 24px 48px; }
      header { margin-bottom:20px; }
      h1 { font-size:24px; margin:0 0 4px; }
      h2 { font-size:17px; margin:0 0 12px; }
      h3 { font-size:14px; margin:16px 0 8px; color:var(--muted); font-weight:600; }
      .sub { color:var(--muted); margin:0; }
      section { background:#fff; border:1px solid var(--line); border-radius:10px; padding:18px 20px;
                margin:16px 0; }
      .cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(150px,1fr)); gap:12px; }
      .card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:12px 14px; }
      .card .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
      .card .value { font-size:26px; font-weight:650; font-variant-numeric:tabular-nums; }
      .card .note { color:var(--muted); font-size:12px; }
      .row { display:flex; flex-wrap:wrap; gap:24px; align-items:flex-start; }
      .row > * { flex:1 1 300px; }
      table { border-collapse:collapse; width:100%; font-variant-numeric:tabular-nums; }
      th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); }
      th { font-size:12px; color:var(--muted); font-weight:600; background:var(--soft); }
      td.num, th.num { text-align:right; }
      tbody tr:hover { background:var(--soft); }
      .scroll { max-height:520px; overflow:auto; border:1px solid var(--line); border-radius:8px; }
      .scroll th { position:sticky; top:0; }
      .badge { display:inline-block; padding:1px 8px; border-radius:999px; font-size:12px; font-weight:600; }
      .ok { color:var(--ok); background:var(--okbg); }
      .bad { color:var(--bad); background:var(--badbg); }
      .male { color:var(--male); font-weight:600; }
      .female { color:var(--female); font-weight:600; }
      .bar { position:relative; height:8px; width:90px; background:var(--line); border-radius:4px;
             display:inline-block; vertical-align:middle; margin-right:8px; overflow:hidden; }
      .bar > span { position:absolute; left:0; top:0; bottom:0; background:var(--ok); }
      .bar.low > span { background:var(--bad); }
      table.confusion { width:auto; }
      table.confusion td { text-align:center; min-width:120px; font-size:18px; font-weight:600; }
      table.confusion td small { display:block; font-size:12px; font-weight:400; color:var(--muted); }
      figure { margin:0; }
      figure img { max-width:100%; height:auto; border:1px solid var(--line); border-radius:8px; }
      figcaption { color:var(--muted); font-size:12px; margin-top:6px; }
      dl.info { display:grid; grid-template-columns:max-content 1fr; gap:4px 18px; margin:0; }
      dl.info dt { color:var(--muted); }
      dl.info dd { margin:0; font-family:ui-monospace,"DejaVu Sans Mono",monospace; font-size:13px;
                   word-break:break-all; }
      code, .path { font-family:ui-monospace,"DejaVu Sans Mono",monospace; font-size:12.5px; }
      footer { color:var(--muted); font-size:12px; margin-top:24px; }
      """;

  static String escape(Object value) {
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A figure to four decimals, as in {@code evaluation.json} readers' eyes; n/a when undefined. */
  static String decimal(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "n/a";
  }

  static String percent(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f%%", value * 100) : "n/a";
  }

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n"
        + "<main>\n" + body + "</main>\n</body>\n</html>\n";
  }

  /** The chart inlined, so the page is one self-contained file. */
  static String image(Chart chart, byte[] png, String caption) {
    return "<figure><img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
        + "\" width=\"" + chart.width() + "\" height=\"" + chart.height() + "\" alt=\""
        + escape(chart.description()) + "\">" + (caption == null ? ""
        : "<figcaption>" + caption + "</figcaption>") + "</figure>\n";
  }

  /** Key-value pairs, nested maps flattened to dotted keys, lists joined. */
  static String infoList(Map<String, ?> info) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", info, flat);
    StringBuilder html = new StringBuilder("<dl class=\"info\">\n");
    flat.forEach((key, value) -> html.append("<dt>").append(escape(key)).append("</dt><dd>")
        .append(escape(value)).append("</dd>\n"));
    return html.append("</dl>\n").toString();
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> flat) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = prefix + entry.getKey();
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
        flatten(key + ".", nested, flat);
      } else if (value instanceof Collection<?> list) {
        flat.put(key, String.join(", ", list.stream().map(String::valueOf).toList()));
      } else if (value instanceof double[] array) {
        flat.put(key, java.util.Arrays.toString(array));
      } else if (value instanceof int[] array) {
        flat.put(key, java.util.Arrays.toString(array));
      } else {
        flat.put(key, String.valueOf(value));
      }
    }
  }



  static String card(String label, String value, String note) {
    return "<div class=\"card\"><div class=\"label\">" + escape(label) + "</div><div class=\"value\">"
        + escape(value) + "</div><div class=\"note\">" + escape(note) + "</div></div>\n";
  }

  /** A right-aligned table cell. */
  static String num(Object value) {
    return "<td class=\"num\">" + escape(value) + "</td>";
  }
}
