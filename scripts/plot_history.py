#!/usr/bin/env python3
"""Draws a training history (history.csv of netsim train) as an SVG learning curve:
accuracy and validation accuracy per epoch, with optional reference curves.

    python3 scripts/plot_history.py RUN/history.csv OUT.svg --title "psMNIST LMU" \
        [--reference "PyTorch peer (val)=0.934,0.945,0.960"]

No dependencies beyond the standard library (the project machine has no matplotlib).
"""
import argparse
import csv


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("history")
    ap.add_argument("out")
    ap.add_argument("--title", default="learning curve")
    ap.add_argument("--reference", action="append", default=[], help="LABEL=v1,v2,... (per epoch)")
    ap.add_argument("--ymin", type=float, default=None)
    args = ap.parse_args()

    with open(args.history) as f:
        rows = list(csv.DictReader(f))
    series = []
    for key, label, colour in (("accuracy", "training accuracy", "#1f77b4"), ("val_accuracy", "validation accuracy", "#d62728")):
        values = [float(r[key]) for r in rows if r.get(key)]
        if values:
            series.append((label, colour, values))
    palette = ["#2ca02c", "#9467bd", "#8c564b"]
    for i, ref in enumerate(args.reference):
        label, _, numbers = ref.partition("=")
        series.append((label, palette[i % len(palette)], [float(v) for v in numbers.split(",")]))
    epochs = max(len(s[2]) for s in series)
    lo = args.ymin if args.ymin is not None else min(min(s[2]) for s in series)
    lo = max(0.0, min(lo, 1.0) - 0.01)
    hi = min(1.0, max(max(s[2]) for s in series) + 0.01)

    w, h, left, right, top, bottom = 720, 420, 70, 230, 40, 50
    pw, ph = w - left - right, h - top - bottom

    def x(e):  # epoch 1..epochs
        return left + (pw * (e - 1) / max(1, epochs - 1))

    def y(v):
        return top + ph * (1 - (v - lo) / (hi - lo))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="24" font-size="15">{args.title}</text>']
    for k in range(6):
        v = lo + (hi - lo) * k / 5
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y(v) + 4:.1f}" text-anchor="end">{v * 100:.1f}%</text>')
    step = 1 if epochs <= 15 else 5
    for e in [1] + list(range(step, epochs + 1, step)) if step > 1 else range(1, epochs + 1):
        out.append(f'<text x="{x(e):.1f}" y="{top + ph + 18}" text-anchor="middle">{e}</text>')
    out.append(f'<text x="{left + pw / 2}" y="{h - 10}" text-anchor="middle">epoch</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>')
    for i, (label, colour, values) in enumerate(series):
        points = " ".join(f"{x(e + 1):.1f},{y(v):.1f}" for e, v in enumerate(values))
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for e, v in enumerate(values):
            out.append(f'<circle cx="{x(e + 1):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
        ly = top + 10 + 20 * i
        out.append(f'<line x1="{left + pw + 15}" x2="{left + pw + 35}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{left + pw + 40}" y="{ly + 4}">{label} ({values[-1] * 100:.2f}%)</text>')
    out.append("</svg>")
    with open(args.out, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
