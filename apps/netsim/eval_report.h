#pragma once
// netsim eval --report DIR: what a classifier got right and wrong, or how far a
// regression's outputs are from their targets, as files.
//
//   classification_report.txt   per-class precision, recall, F1, support (scikit-learn's
//                               layout), accuracy, macro and weighted averages
//   confusion_matrix.txt / .csv true classes down, predictions across
//   predictions.csv             index, sample, label, predicted, score_0 ... score_{C-1}:
//                               every scored (sequence, sample); the scores are softmax
//                               probabilities where the loss reads logits
//                               (sparse_categorical_crossentropy), else the raw outputs
//   misclassified.npz           the first 36 misclassified inputs as images (index,
//                               label, predicted, images (k, H, W)): MNIST's digits as read
//                               (before scaling and permutation), else the inputs
//   history.csv                 the training history, when one was found
//   confusion_matrix.png, misclassified.png, learning_curve.png
//                               drawn by scripts/plot_report.py with Debian's
//                               python3-matplotlib (docs/architecture.md says why)
// A regression (mean_squared_error loss) gets instead:
//   regression_report.txt       MSE, MAE and R^2 per output and over all of them
//   predictions.csv             index, sample, target_j..., predicted_j... per scored pair
//   regression.npz              target, predicted: (pairs, outputs)
//   predicted_vs_target.png, residuals.png, learning_curve.png
// The folder appears complete or not at all: everything is written to DIR.partial and
// renamed at the end; an existing DIR is replaced only with --overwrite, and only then.

#include <optional>
#include <string>
#include <vector>

#include "netsim/core/array3.h"
#include "netsim/core/nd_array.h"

namespace netsim::cli {

struct ReportRequest {
  std::string folder;
  bool overwrite = false;
  std::string title;             // "mnist_cnn, test split, params.npz"
  const Array3* outputs = nullptr;  // the probe's data, (N, samples, classes)
  const NdArray* labels = nullptr;  // (N,) or (N, samples), -1 skipped
  const NdArray* targets = nullptr; // regression: (N, size) for the last sample, or (N, samples, size)
  const Array3* inputs = nullptr;   // (N, steps, size): what the misclassified images show,
  const NdArray* images = nullptr;  // unless the images as read are given (N, rows, cols)
  std::optional<std::vector<Index>> permutation;  // psMNIST: sequence position k shows pixel p[k]
  std::string history_csv;       // empty: no learning curve
  bool scores_are_logits = false;  // predictions.csv's scores: softmax of the outputs
};

// Throws before any work if the folder exists without --overwrite, is a file, or the
// plotting tool is missing (naming the package to install).
void check_report_possible(const std::string& folder, bool overwrite);

// Writes the report; returns the classification report's text (for the terminal).
std::string write_report(const ReportRequest& request);
// The regression report (outputs, targets, folder, title, history_csv); returns its text.
std::string write_regression_report(const ReportRequest& request);

}  // namespace netsim::cli
