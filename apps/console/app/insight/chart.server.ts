import * as echarts from "echarts";

/**
 * Charts drawn on the server with Apache ECharts' SVG renderer (no DOM, no
 * client bundle): the page gets finished SVG, readable before hydration and in
 * print. Persian: Persian digits, Jalali labels (the bucket keys are Jalali),
 * time running right to left and the value axis on the right.
 */
const faDigits = (s: string) => s.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);

export interface ChartSeries {
  name: string;
  values: number[];
}

export function barChartSvg(p: { labels: string[]; series: ChartSeries[]; locale: "fa" | "en"; width?: number; height?: number; stacked?: boolean; title: string }): string {
  const fa = p.locale === "fa";
  const text = (s: string | number) => (fa ? faDigits(String(s)) : String(s));
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: p.width ?? 860, height: p.height ?? 320 });
  chart.setOption({
    animation: false,
    aria: { enabled: true, label: { description: p.title } },
    textStyle: { fontFamily: "Vazirmatn, Tahoma, 'Segoe UI', sans-serif" },
    legend: p.series.length > 1 ? { top: 0, type: "plain", formatter: (n: string) => n } : undefined,
    grid: { top: p.series.length > 1 ? 60 : 20, bottom: 40, left: 50, right: 50, containLabel: true },
    xAxis: { type: "category", inverse: fa, data: p.labels.map((l) => text(l.replaceAll("-", "/"))), axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", position: fa ? "right" : "left", minInterval: 1, axisLabel: { formatter: (v: number) => text(v) } },
    series: p.series.map((s) => ({ type: "bar", name: s.name, data: s.values, stack: p.stacked ? "all" : undefined })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
