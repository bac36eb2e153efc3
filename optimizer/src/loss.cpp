#include "netsim/optimizer/loss.h"

#include <cmath>

#include "netsim/core/error.h"

namespace netsim {
namespace {

// One scored (row, sample) pair: where its target lives.
struct Pair {
  Index batch_row;
  Index sample;
  Index target_offset;  // index of the label, or of the first of `size` target values
};

// The pairs a batch is scored on, by the rules in loss.h.
std::vector<Pair> scored_pairs(const ProbeLoss& loss, const NdArray& targets, const std::vector<Index>& rows,
                               Index samples, Index size) {
  const bool ce = takes_labels(loss.kind);
  const Index per_sequence_rank = ce ? 1 : 2;
  const bool per_sample = targets.rank() == per_sequence_rank + 1;
  const Index width = ce ? 1 : size;
  std::vector<Pair> pairs;
  for (Index b = 0; b < static_cast<Index>(rows.size()); ++b) {
    const Index row = rows[static_cast<std::size_t>(b)];
    if (per_sample) {
      for (Index s = 0; s < samples; ++s) pairs.push_back({b, s, (row * samples + s) * width});
    } else if (loss.steps == LossSteps::all) {
      for (Index s = 0; s < samples; ++s) pairs.push_back({b, s, row * width});
    } else {
      pairs.push_back({b, samples - 1, row * width});
    }
  }
  if (ce) {
    std::erase_if(pairs, [&](const Pair& p) { return targets.values[static_cast<std::size_t>(p.target_offset)] < 0.0f; });
  }
  return pairs;
}

// The multiclass hinge loss of one sample, sum over j != label of max(0, y[j] - y[label]
// + 1); `g` (if given) receives scale times its gradient: +1 for every violating class j,
// minus their count for the label.
double hinge(const float* y, Index size, Index label, double scale, float* g) {
  double loss = 0.0, violating = 0.0;
  for (Index j = 0; j < size; ++j) {
    const double margin = j == label ? 0.0 : static_cast<double>(y[j]) - static_cast<double>(y[label]) + 1.0;
    const bool violates = margin > 0.0;
    if (violates) loss += margin, violating += 1.0;
    if (g) g[j] = violates ? static_cast<float>(scale) : 0.0f;
  }
  if (g) g[label] = static_cast<float>(-scale * violating);
  return loss;
}

}  // namespace

std::string to_string(LossKind kind) {
  switch (kind) {
    case LossKind::sparse_categorical_crossentropy: return "sparse_categorical_crossentropy";
    case LossKind::mean_squared_error: return "mean_squared_error";
    case LossKind::multiclass_hinge: return "multiclass_hinge";
  }
  return "?";
}

std::optional<LossKind> parse_loss_kind(const std::string& name) {
  if (name == "sparse_categorical_crossentropy") return LossKind::sparse_categorical_crossentropy;
  if (name == "mean_squared_error" || name == "mse") return LossKind::mean_squared_error;
  if (name == "multiclass_hinge") return LossKind::multiclass_hinge;
  return std::nullopt;
}

bool takes_labels(LossKind kind) { return kind != LossKind::mean_squared_error; }

void LossTotals::add(const LossTotals& other) {
  loss_sum += other.loss_sum;
  counted += other.counted;
  correct += other.correct;
  classification = classification || other.classification;
}

std::optional<double> LossTotals::accuracy() const {
  if (!classification || counted <= 0) return std::nullopt;
  return correct / counted;
}

void check_targets(const ProbeLoss& loss, const NdArray& targets, Index count, Index samples, Index size,
                   const std::string& where) {
  const std::string n = std::to_string(count), s = std::to_string(samples), z = std::to_string(size);
  if (takes_labels(loss.kind)) {
    const bool ok = (targets.rank() == 1 && targets.shape[0] == count) ||
                    (targets.rank() == 2 && targets.shape[0] == count && targets.shape[1] == samples);
    if (!ok) {
      throw ValidationError(where + ": expected labels shaped (" + n + ",) or (" + n + ", " + s + "), got " +
                            targets.shape_string());
    }
    for (std::size_t i = 0; i < targets.values.size(); ++i) {
      const float v = targets.values[i];
      if (!(v == std::floor(v) && v >= -1.0f && v < static_cast<float>(size))) {
        throw ValidationError(where + ": label " + std::to_string(i) + ": expected an integer in 0.." +
                              std::to_string(size - 1) + " (or -1 to skip), got " + std::to_string(v));
      }
    }
    return;
  }
  const bool ok = (targets.rank() == 2 && targets.shape[0] == count && targets.shape[1] == size) ||
                  (targets.rank() == 3 && targets.shape[0] == count && targets.shape[1] == samples &&
                   targets.shape[2] == size);
  if (!ok) {
    throw ValidationError(where + ": expected targets shaped (" + n + ", " + z + ") or (" + n + ", " + s + ", " +
                          z + "), got " + targets.shape_string());
  }
}

double count_scored(const ProbeLoss& loss, const NdArray& targets, const std::vector<Index>& rows, Index samples,
                    Index size) {
  return static_cast<double>(scored_pairs(loss, targets, rows, samples, size).size());
}

LossTotals score(const ProbeLoss& loss, const Array3& output, const NdArray& targets, const std::vector<Index>& rows,
                 Array3* gradient, double denominator) {
  const Index samples = output.dim(1), size = output.dim(2);
  const auto pairs = scored_pairs(loss, targets, rows, samples, size);
  LossTotals totals;
  totals.classification = takes_labels(loss.kind);
  totals.counted = static_cast<double>(pairs.size());
  if (gradient) *gradient = Array3(output.dim(0), samples, size);
  if (!(denominator > 0.0)) denominator = static_cast<double>(pairs.size());
  const double scale = pairs.empty() ? 0.0 : loss.weight / denominator;
  std::vector<double> p(static_cast<std::size_t>(size));
  for (const Pair& pair : pairs) {
    const float* y = output.data() + (pair.batch_row * samples + pair.sample) * size;
    float* g = gradient ? gradient->data() + (pair.batch_row * samples + pair.sample) * size : nullptr;
    if (totals.classification) {
      const auto label = static_cast<Index>(targets.values[static_cast<std::size_t>(pair.target_offset)]);
      Index best = 0;
      double top = y[0];
      for (Index i = 1; i < size; ++i)
        if (y[i] > top) top = y[i], best = i;
      totals.correct += best == label ? 1.0 : 0.0;
      if (loss.kind == LossKind::multiclass_hinge) {
        totals.loss_sum += hinge(y, size, label, scale, g);
        continue;
      }
      double sum = 0.0;
      for (Index i = 0; i < size; ++i) sum += p[static_cast<std::size_t>(i)] = std::exp(static_cast<double>(y[i]) - top);
      totals.loss_sum += std::log(sum) - (static_cast<double>(y[label]) - top);
      if (g) {
        for (Index i = 0; i < size; ++i) {
          const double d = p[static_cast<std::size_t>(i)] / sum - (i == label ? 1.0 : 0.0);
          g[i] = static_cast<float>(scale * d);
        }
      }
    } else {
      const float* t = targets.values.data() + pair.target_offset;
      double sq = 0.0;
      for (Index i = 0; i < size; ++i) {
        const double d = static_cast<double>(y[i]) - t[i];
        sq += d * d;
        if (g) g[i] = static_cast<float>(scale * 2.0 * d / static_cast<double>(size));
      }
      totals.loss_sum += sq / static_cast<double>(size);
    }
  }
  return totals;
}

}  // namespace netsim
