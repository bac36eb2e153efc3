#pragma once
// Losses on probes, as Keras computes them, with their gradients with respect to the
// probe's data (the start of the backward pass).
//
//   sparse_categorical_crossentropy   from logits: softmax, then -log p[label]
//   mean_squared_error                mean over the probe's size of (y - t)^2
//   multiclass_hinge                  the multiclass SVM loss (Weston & Watkins, as in
//                                     CS231n's linear SVM): sum over j != label of
//                                     max(0, y[j] - y[label] + 1)
//
// Which samples count: a probe with keep_history: false holds one sample (the last step).
// A probe with history is scored on its last sample (LossSteps::last) or on every sample
// (LossSteps::all) when its targets are one per sequence, and sample by sample when the
// targets are given per sample. A label of -1 masks a sample out. The loss is the mean
// over the counted (sequence, sample) pairs, times the probe's weight.
//
// Targets of a dataset (N sequences), as arrays:
//   sparse CE, hinge:  (N,) one label per sequence, or (N, samples)
//   MSE:               (N, size) one target per sequence, or (N, samples, size)

#include <optional>
#include <string>
#include <vector>

#include "netsim/core/array3.h"
#include "netsim/core/nd_array.h"

namespace netsim {

enum class LossKind { sparse_categorical_crossentropy, mean_squared_error, multiclass_hinge };
enum class LossSteps { last, all };

std::string to_string(LossKind kind);
std::optional<LossKind> parse_loss_kind(const std::string& name);
// True for the losses scored against integer labels (and reporting accuracy).
bool takes_labels(LossKind kind);

struct ProbeLoss {
  std::string probe;
  LossKind kind = LossKind::sparse_categorical_crossentropy;
  double weight = 1.0;
  LossSteps steps = LossSteps::last;
};

// Sums over a batch, to be combined over batches: loss_sum / counted is the mean loss.
struct LossTotals {
  double loss_sum = 0.0;   // unweighted, summed over counted samples
  double counted = 0.0;    // (sequence, sample) pairs scored
  double correct = 0.0;    // classification only: argmax == label
  bool classification = false;

  void add(const LossTotals& other);
  double mean_loss() const { return counted > 0 ? loss_sum / counted : 0.0; }
  std::optional<double> accuracy() const;
};

// Checks that `targets` suits `loss` on a probe producing (samples, size) per sequence for
// a dataset of `count` sequences; throws ValidationError("<where>: expected ...").
void check_targets(const ProbeLoss& loss, const NdArray& targets, Index count, Index samples, Index size,
                   const std::string& where);

// Scores `output` (batch, samples, size) against the targets of dataset rows `rows`
// (rows.size() <= batch; later batch rows are padding and ignored). If `gradient` is given
// it receives d(weight * mean loss)/d(output), shaped like output (the mean over this
// batch's counted pairs, as Keras averages over a batch). `denominator` > 0 replaces that
// count: a rank of a data-parallel training scores its share of a joint minibatch, but
// averages over the whole minibatch's pairs (count_scored).
LossTotals score(const ProbeLoss& loss, const Array3& output, const NdArray& targets,
                 const std::vector<Index>& rows, Array3* gradient, double denominator = 0.0);

// The number of (sequence, sample) pairs score() counts for dataset rows `rows` of a
// probe with `samples` samples of `size` values.
double count_scored(const ProbeLoss& loss, const NdArray& targets, const std::vector<Index>& rows, Index samples,
                    Index size);

}  // namespace netsim
