#include "netsim/optimizer/classification_report.h"

#include <algorithm>
#include <cstdio>

#include "netsim/core/error.h"

namespace netsim {
namespace {

double ratio(double a, double b) { return b > 0.0 ? a / b : 0.0; }

std::string name_of(const std::vector<std::string>& names, std::size_t i) {
  return i < names.size() ? names[i] : std::to_string(i);
}

std::string format_row(const std::string& label, std::size_t width, const ClassScores& s, int digits) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%*s  %9.*f %9.*f %9.*f %9ld\n", static_cast<int>(width), label.c_str(), digits,
                s.precision, digits, s.recall, digits, s.f1, s.support);
  return buf;
}

}  // namespace

ClassificationReport classification_report(const std::vector<int>& truth, const std::vector<int>& predicted,
                                           int classes) {
  if (truth.size() != predicted.size()) {
    throw ValidationError("classification report: expected as many predictions as labels, got " +
                          std::to_string(predicted.size()) + " and " + std::to_string(truth.size()));
  }
  if (classes < 1) throw ValidationError("classification report: expected at least one class");
  ClassificationReport r;
  const auto n = static_cast<std::size_t>(classes);
  r.confusion.assign(n, std::vector<long>(n, 0));
  for (std::size_t i = 0; i < truth.size(); ++i) {
    for (const int v : {truth[i], predicted[i]}) {
      if (v < 0 || v >= classes) {
        throw ValidationError("classification report: sample " + std::to_string(i) + ": expected a class in 0.." +
                              std::to_string(classes - 1) + ", got " + std::to_string(v));
      }
    }
    ++r.confusion[static_cast<std::size_t>(truth[i])][static_cast<std::size_t>(predicted[i])];
  }
  r.samples = static_cast<long>(truth.size());
  long correct = 0;
  r.classes.resize(n);
  for (std::size_t c = 0; c < n; ++c) {
    long predicted_as_c = 0;
    for (std::size_t t = 0; t < n; ++t) predicted_as_c += r.confusion[t][c];
    ClassScores& s = r.classes[c];
    for (std::size_t p = 0; p < n; ++p) s.support += r.confusion[c][p];
    const auto tp = static_cast<double>(r.confusion[c][c]);
    correct += r.confusion[c][c];
    s.precision = ratio(tp, static_cast<double>(predicted_as_c));
    s.recall = ratio(tp, static_cast<double>(s.support));
    s.f1 = ratio(2.0 * s.precision * s.recall, s.precision + s.recall);
    r.macro_average.precision += s.precision / classes;
    r.macro_average.recall += s.recall / classes;
    r.macro_average.f1 += s.f1 / classes;
    const double w = ratio(static_cast<double>(s.support), static_cast<double>(r.samples));
    r.weighted_average.precision += w * s.precision;
    r.weighted_average.recall += w * s.recall;
    r.weighted_average.f1 += w * s.f1;
  }
  r.macro_average.support = r.weighted_average.support = r.samples;
  r.accuracy = ratio(static_cast<double>(correct), static_cast<double>(r.samples));
  return r;
}

std::string ClassificationReport::text(const std::vector<std::string>& names, int digits) const {
  std::size_t width = std::string("weighted avg").size();
  for (std::size_t c = 0; c < classes.size(); ++c) width = std::max(width, name_of(names, c).size());
  char buf[256];
  std::snprintf(buf, sizeof buf, "%*s  %9s %9s %9s %9s\n\n", static_cast<int>(width), "", "precision", "recall",
                "f1-score", "support");
  std::string out = buf;
  for (std::size_t c = 0; c < classes.size(); ++c) out += format_row(name_of(names, c), width, classes[c], digits);
  std::snprintf(buf, sizeof buf, "\n%*s  %9s %9s %9.*f %9ld\n", static_cast<int>(width), "accuracy", "", "", digits,
                accuracy, samples);
  out += buf;
  out += format_row("macro avg", width, macro_average, digits);
  out += format_row("weighted avg", width, weighted_average, digits);
  return out;
}

std::string ClassificationReport::confusion_text(const std::vector<std::string>& names) const {
  std::size_t label_width = std::string("true \\ predicted").size();
  std::size_t cell = 5;
  for (std::size_t c = 0; c < confusion.size(); ++c) {
    label_width = std::max(label_width, name_of(names, c).size());
    cell = std::max(cell, name_of(names, c).size() + 1);
    for (long v : confusion[c]) cell = std::max(cell, std::to_string(v).size() + 1);
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%-*s", static_cast<int>(label_width), "true \\ predicted");
  std::string out = buf;
  for (std::size_t c = 0; c < confusion.size(); ++c) {
    std::snprintf(buf, sizeof buf, "%*s", static_cast<int>(cell), name_of(names, c).c_str());
    out += buf;
  }
  out += '\n';
  for (std::size_t t = 0; t < confusion.size(); ++t) {
    std::snprintf(buf, sizeof buf, "%-*s", static_cast<int>(label_width), name_of(names, t).c_str());
    out += buf;
    for (long v : confusion[t]) {
      std::snprintf(buf, sizeof buf, "%*ld", static_cast<int>(cell), v);
      out += buf;
    }
    out += '\n';
  }
  return out;
}

}  // namespace netsim
