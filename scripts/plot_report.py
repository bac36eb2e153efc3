#!/usr/bin/python3
"""Draws the images of a `netsim eval --report DIR` folder from the files netsim wrote there.

    /usr/bin/python3 scripts/plot_report.py DIR

confusion_matrix.csv -> confusion_matrix.png   (counts, true classes down)
misclassified.npz    -> misclassified.png      (a grid: true label -> prediction)
history.csv          -> learning_curve.png     (accuracy and loss per epoch; only if present)
regression.npz       -> predicted_vs_target.png, residuals.png   (a regression's report)

Needs numpy and matplotlib (Debian: apt-get install python3-matplotlib). netsim calls it
itself; run it by hand to redraw after editing it.
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
import numpy as np  # noqa: E402


def confusion_matrix(folder):
    counts = np.loadtxt(os.path.join(folder, "confusion_matrix.csv"), delimiter=",", skiprows=1, ndmin=2)
    n = counts.shape[0]
    fig, ax = plt.subplots(figsize=(7, 6))
    im = ax.imshow(counts, cmap="Blues")
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    threshold = counts.max() / 2.0 if counts.size else 0.0
    for t in range(n):
        for p in range(n):
            ax.text(p, t, "%d" % counts[t, p], ha="center", va="center", fontsize=8,
                    color="white" if counts[t, p] > threshold else "black")
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title("Confusion matrix (%d samples, accuracy %.2f%%)"
                 % (counts.sum(), 100.0 * np.trace(counts) / max(counts.sum(), 1)))
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "confusion_matrix.png"), dpi=100)
    plt.close(fig)


def misclassified(folder):
    data = np.load(os.path.join(folder, "misclassified.npz"))
    images, labels, predicted, index = data["images"], data["label"], data["predicted"], data["index"]
    count = len(labels)
    cols = 6
    rows = max(1, (count + cols - 1) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.6, rows * 1.8), squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < count:
            ax.imshow(images[k], cmap="gray_r", interpolation="nearest")
            ax.set_title("#%d: %d -> %d" % (index[k], labels[k], predicted[k]), fontsize=8)
    if count == 0:
        axes.flat[0].text(0.5, 0.5, "no misclassified samples", ha="center", va="center")
    fig.suptitle("Misclassified (true -> predicted), first %d" % count, fontsize=10)
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "misclassified.png"), dpi=100)
    plt.close(fig)


def learning_curve(folder):
    path = os.path.join(folder, "history.csv")
    if not os.path.exists(path):
        print("plot_report: no history.csv in %s: learning curve not drawn" % folder)
        return
    h = np.genfromtxt(path, delimiter=",", names=True, ndmin=1)
    names = h.dtype.names
    epoch = h["epoch"]
    fig, (acc, loss) = plt.subplots(1, 2, figsize=(10, 4))
    for key, label in (("accuracy", "training"), ("val_accuracy", "validation")):
        if key in names and not np.all(np.isnan(h[key])):
            acc.plot(epoch, 100.0 * h[key], marker="o", label=label)
    for key, label in (("loss", "training"), ("val_loss", "validation")):
        if key in names and not np.all(np.isnan(h[key])):
            loss.plot(epoch, h[key], marker="o", label=label)
    acc.set_xlabel("epoch")
    acc.set_ylabel("accuracy (%)")
    acc.set_title("Accuracy")
    loss.set_xlabel("epoch")
    loss.set_ylabel("loss")
    loss.set_title("Loss")
    for ax in (acc, loss):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(True, alpha=0.3)
        if ax.lines:
            ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "learning_curve.png"), dpi=100)
    plt.close(fig)


def regression(folder):
    data = np.load(os.path.join(folder, "regression.npz"))
    target, predicted = data["target"], data["predicted"]
    fig, ax = plt.subplots(figsize=(6, 6))
    for j in range(target.shape[1]):
        ax.scatter(target[:, j], predicted[:, j], s=6, alpha=0.5, label="output %d" % j if target.shape[1] > 1 else None)
    low, high = float(min(target.min(), predicted.min())), float(max(target.max(), predicted.max()))
    ax.plot([low, high], [low, high], color="k", linewidth=1, label="predicted = target")
    ax.set_xlabel("target")
    ax.set_ylabel("predicted")
    ax.set_title("Predicted vs target (%d samples)" % target.shape[0])
    ax.legend(fontsize=8)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "predicted_vs_target.png"), dpi=100)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(7, 4))
    residual = (predicted - target).ravel()
    ax.hist(residual, bins=50, color="steelblue")
    ax.set_xlabel("residual (predicted - target)")
    ax.set_ylabel("count")
    ax.set_title("Residuals: mean %.3g, std %.3g" % (residual.mean(), residual.std()))
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "residuals.png"), dpi=100)
    plt.close(fig)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: plot_report.py DIR")
    folder = sys.argv[1]
    if os.path.exists(os.path.join(folder, "regression.npz")):
        regression(folder)
    else:
        confusion_matrix(folder)
        misclassified(folder)
    learning_curve(folder)


if __name__ == "__main__":
    main()
