#pragma once
// Per-class precision, recall, F1 and support, and the confusion matrix, from true and
// predicted labels — what scikit-learn's classification_report and confusion_matrix
// give, with their conventions: precision = TP / (TP + FP), recall = TP / (TP + FN),
// F1 their harmonic mean, 0 where a denominator is 0; macro average: the plain mean over
// classes; weighted average: weighted by support.

#include <string>
#include <vector>

#include "netsim/core/types.h"

namespace netsim {

struct ClassScores {
  double precision = 0.0, recall = 0.0, f1 = 0.0;
  long support = 0;  // how many samples have this true label
};

struct ClassificationReport {
  // confusion[t][p]: samples of true class t predicted as p.
  std::vector<std::vector<long>> confusion;
  std::vector<ClassScores> classes;
  ClassScores macro_average, weighted_average;
  double accuracy = 0.0;
  long samples = 0;

  // scikit-learn's text layout: a row per class ("0" ... or the given names), then
  // accuracy, macro avg and weighted avg, two decimals (`digits`).
  std::string text(const std::vector<std::string>& names = {}, int digits = 2) const;
  // The confusion matrix as an aligned table, true classes down, predictions across.
  std::string confusion_text(const std::vector<std::string>& names = {}) const;
};

// Throws ValidationError if the lists differ in length or a label is outside 0..classes-1.
ClassificationReport classification_report(const std::vector<int>& truth, const std::vector<int>& predicted,
                                           int classes);

}  // namespace netsim
