#include "eval_report.h"
#include "plotting.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "netsim/core/error.h"
#include "netsim/core/npz.h"
#include "netsim/optimizer/classification_report.h"

namespace netsim::cli {
namespace fs = std::filesystem;
namespace {

constexpr Index kMisclassifiedShown = 36;  // a 6 x 6 grid

std::string plot_script() { return drawing_script("plot_report.py", "NETSIM_PLOT_SCRIPT"); }

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream f(path);
  f << text;
  if (!f.flush()) throw Error("cannot write " + path.string());
}

int argmax(const float* v, Index n) {
  Index best = 0;
  for (Index i = 1; i < n; ++i)
    if (v[i] > v[best]) best = i;
  return static_cast<int>(best);
}

// The input of sequence `row` as an image: square when its values fill one, else steps x size.
NdArray as_image(const Array3& inputs, Index row, const std::optional<std::vector<Index>>& permutation) {
  const Index steps = inputs.dim(1), size = inputs.dim(2), n = steps * size;
  const auto side = static_cast<Index>(std::lround(std::sqrt(static_cast<double>(n))));
  const bool square = side * side == n;
  NdArray img{{square ? side : steps, square ? side : size}, std::vector<float>(static_cast<std::size_t>(n))};
  const float* src = inputs.data() + row * n;
  const bool unpermute = permutation && static_cast<Index>(permutation->size()) == n;
  for (Index k = 0; k < n; ++k) {
    const Index pixel = unpermute ? (*permutation)[static_cast<std::size_t>(k)] : k;
    img.values[static_cast<std::size_t>(pixel)] = src[k];
  }
  return img;
}

// Image `row` of (count, rows, cols) images as read (MNIST's, before any preprocessing).
NdArray image_as_read(const NdArray& images, Index row) {
  const Index n = images.shape[1] * images.shape[2];
  NdArray img{{images.shape[1], images.shape[2]}, {}};
  img.values.assign(images.values.begin() + row * n, images.values.begin() + (row + 1) * n);
  return img;
}

// Draws the images into the finished temporary folder and renames it into place (the old
// folder, with --overwrite, is set aside until the new one is there).
void draw_and_publish(const fs::path& temp, const fs::path& final_dir) {
  if (!run_drawing_script(plot_script(), quoted(temp.string()))) {
    throw Error("--report: " + plot_script() + " failed (its message is above); nothing was written to " + final_dir.string());
  }
  const fs::path previous = final_dir.string() + ".previous";
  const bool replacing = fs::exists(final_dir);
  if (replacing) {
    fs::remove_all(previous);
    fs::rename(final_dir, previous);
  }
  try {
    fs::rename(temp, final_dir);
  } catch (...) {
    if (replacing) fs::rename(previous, final_dir);
    throw;
  }
  if (replacing) fs::remove_all(previous);
}

}  // namespace

void check_report_possible(const std::string& folder, bool overwrite) {
  if (fs::exists(folder) && !fs::is_directory(folder)) {
    throw ValidationError("--report " + folder + ": expected a folder, got a file");
  }
  if (fs::exists(folder) && !overwrite) {
    throw ValidationError("--report " + folder + ": the folder exists; pass --overwrite to replace it");
  }
  check_drawing_possible(plot_script(), "--report");
}

std::string write_report(const ReportRequest& r) {
  const Array3& out = *r.outputs;
  const NdArray& labels = *r.labels;
  const Index n = out.dim(0), samples = out.dim(1), classes = out.dim(2);
  // Scored (sequence, sample) pairs: the last sample per sequence, or each labelled one.
  std::vector<int> truth, predicted;
  std::vector<Index> sequence, sample;
  for (Index i = 0; i < n; ++i) {
    const bool per_sample = labels.rank() == 2;
    for (Index s = per_sample ? 0 : samples - 1; s < samples; ++s) {
      const float label = labels.values[static_cast<std::size_t>(per_sample ? i * samples + s : i)];
      if (label < 0.0f) continue;
      truth.push_back(static_cast<int>(label));
      predicted.push_back(argmax(out.data() + (i * samples + s) * classes, classes));
      sequence.push_back(i);
      sample.push_back(s);
    }
  }
  const ClassificationReport report = classification_report(truth, predicted, static_cast<int>(classes));

  const fs::path final_dir = r.folder;
  const fs::path temp = final_dir.string() + ".partial";
  fs::remove_all(temp);
  fs::create_directories(temp);
  try {
    const std::string text = r.title + "\n\n" + report.text() + "\n";
    write_text(temp / "classification_report.txt", text);
    write_text(temp / "confusion_matrix.txt", report.confusion_text());
    std::ostringstream csv, preds;
    for (Index c = 0; c < classes; ++c) csv << (c ? "," : "") << "predicted_" << c;
    csv << "\n";
    for (const auto& row : report.confusion) {
      for (std::size_t c = 0; c < row.size(); ++c) csv << (c ? "," : "") << row[c];
      csv << "\n";
    }
    write_text(temp / "confusion_matrix.csv", csv.str());
    preds << "index,sample,label,predicted";
    for (Index c = 0; c < classes; ++c) preds << ",score_" << c;
    preds << "\n";
    preds.precision(7);
    std::vector<double> score(static_cast<std::size_t>(classes));
    for (std::size_t k = 0; k < truth.size(); ++k) {
      const float* row = out.data() + (sequence[k] * samples + sample[k]) * classes;
      for (Index c = 0; c < classes; ++c) score[static_cast<std::size_t>(c)] = row[c];
      if (r.scores_are_logits) {  // softmax, shifted by the largest logit
        const double top = *std::max_element(score.begin(), score.end());
        double total = 0.0;
        for (double& v : score) total += (v = std::exp(v - top));
        for (double& v : score) v /= total;
      }
      preds << sequence[k] << "," << sample[k] << "," << truth[k] << "," << predicted[k];
      for (double v : score) preds << "," << v;
      preds << "\n";
    }
    write_text(temp / "predictions.csv", preds.str());

    NdArray index{{0}, {}}, label{{0}, {}}, guess{{0}, {}};
    std::vector<float> pixels;
    std::vector<Index> shape;
    for (std::size_t k = 0; k < truth.size() && static_cast<Index>(index.values.size()) < kMisclassifiedShown; ++k) {
      if (truth[k] == predicted[k]) continue;
      const NdArray img = r.images ? image_as_read(*r.images, sequence[k]) : as_image(*r.inputs, sequence[k], r.permutation);
      shape = img.shape;
      pixels.insert(pixels.end(), img.values.begin(), img.values.end());
      index.values.push_back(static_cast<float>(sequence[k]));
      label.values.push_back(static_cast<float>(truth[k]));
      guess.values.push_back(static_cast<float>(predicted[k]));
    }
    const Index shown = static_cast<Index>(index.values.size());
    index.shape = label.shape = guess.shape = {shown};
    NdArray images{{shown, shape.empty() ? 0 : shape[0], shape.empty() ? 0 : shape[1]}, std::move(pixels)};
    write_npz((temp / "misclassified.npz").string(),
              {{"index", index}, {"label", label}, {"predicted", guess}, {"images", images}});
    if (!r.history_csv.empty()) fs::copy_file(r.history_csv, temp / "history.csv");
    draw_and_publish(temp, final_dir);
    return text;
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    throw;
  }
}

std::string write_regression_report(const ReportRequest& r) {
  const Array3& out = *r.outputs;
  const NdArray& targets = *r.targets;
  const Index n = out.dim(0), samples = out.dim(1), size = out.dim(2);
  // Scored pairs: the last sample against (N, size) targets, or each against (N, samples, size).
  const bool per_sample = targets.rank() == 3;
  std::vector<std::pair<Index, Index>> pairs;  // (sequence, sample)
  for (Index i = 0; i < n; ++i)
    for (Index s = per_sample ? 0 : samples - 1; s < samples; ++s) pairs.emplace_back(i, s);
  const auto count = static_cast<Index>(pairs.size());
  NdArray truth{{count, size}, std::vector<float>(static_cast<std::size_t>(count * size))};
  NdArray guess{{count, size}, std::vector<float>(static_cast<std::size_t>(count * size))};
  for (Index k = 0; k < count; ++k) {
    const auto [i, s] = pairs[static_cast<std::size_t>(k)];
    for (Index j = 0; j < size; ++j) {
      truth.values[static_cast<std::size_t>(k * size + j)] =
          targets.values[static_cast<std::size_t>(per_sample ? (i * samples + s) * size + j : i * size + j)];
      guess.values[static_cast<std::size_t>(k * size + j)] = out(i, s, j);
    }
  }
  // MSE, MAE and R^2 (1 - residual / total sum of squares about the targets' mean), per
  // output and over all of them.
  std::ostringstream text;
  text << r.title << "\n\n";
  char line[160];
  std::snprintf(line, sizeof line, "%-10s %14s %14s %14s %10s\n", "output", "mse", "mae", "r2", "samples");
  text << line;
  auto metrics = [&](Index first, Index last, const std::string& label) {
    double se = 0.0, ae = 0.0, mean = 0.0, total = 0.0;
    const double m = static_cast<double>(count * (last - first));
    for (Index k = 0; k < count; ++k)
      for (Index j = first; j < last; ++j) mean += truth.values[static_cast<std::size_t>(k * size + j)] / m;
    for (Index k = 0; k < count; ++k)
      for (Index j = first; j < last; ++j) {
        const double t = truth.values[static_cast<std::size_t>(k * size + j)], y = guess.values[static_cast<std::size_t>(k * size + j)];
        se += (y - t) * (y - t);
        ae += std::abs(y - t);
        total += (t - mean) * (t - mean);
      }
    const double r2 = total > 0.0 ? 1.0 - se / total : std::nan("");
    std::snprintf(line, sizeof line, "%-10s %14.6g %14.6g %14.6g %10lld\n", label.c_str(), se / m, ae / m, r2,
                  static_cast<long long>(count));
    text << line;
  };
  for (Index j = 0; j < size && size > 1; ++j) metrics(j, j + 1, std::to_string(j));
  metrics(0, size, "all");

  const fs::path final_dir = r.folder;
  const fs::path temp = final_dir.string() + ".partial";
  fs::remove_all(temp);
  fs::create_directories(temp);
  try {
    write_text(temp / "regression_report.txt", text.str());
    std::ostringstream preds;
    preds.precision(7);
    preds << "index,sample";
    for (Index j = 0; j < size; ++j) preds << ",target_" << j;
    for (Index j = 0; j < size; ++j) preds << ",predicted_" << j;
    preds << "\n";
    for (Index k = 0; k < count; ++k) {
      preds << pairs[static_cast<std::size_t>(k)].first << "," << pairs[static_cast<std::size_t>(k)].second;
      for (Index j = 0; j < size; ++j) preds << "," << truth.values[static_cast<std::size_t>(k * size + j)];
      for (Index j = 0; j < size; ++j) preds << "," << guess.values[static_cast<std::size_t>(k * size + j)];
      preds << "\n";
    }
    write_text(temp / "predictions.csv", preds.str());
    write_npz((temp / "regression.npz").string(), {{"target", truth}, {"predicted", guess}});
    if (!r.history_csv.empty()) fs::copy_file(r.history_csv, temp / "history.csv");
    draw_and_publish(temp, final_dir);
    return text.str();
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    throw;
  }
}

}  // namespace netsim::cli
