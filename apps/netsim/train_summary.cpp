#include "train_summary.h"

#include <filesystem>

#include "json_writer.h"
#include "training_job.h"

namespace netsim::cli {
namespace {

void metrics_fields(JsonWriter& json, const std::string& prefix, const Metrics& m) {
  json.field(prefix + "loss", m.loss);
  if (m.accuracy) json.field(prefix + "accuracy", *m.accuracy);
}

}  // namespace

std::string train_json(const TrainSummary& s) {
  const FitResult& fit = *s.fit;
  JsonWriter json;
  json.begin_object()
      .field("netsim_version", NETSIM_VERSION)
      .field("network_file", std::filesystem::absolute(s.network_file).string())
      .field("epochs", static_cast<long long>(fit.history.empty() ? 0 : fit.history.back().epoch))
      .field("resumed_from_epoch", static_cast<long long>(fit.resumed_from))
      .field("best_epoch", static_cast<long long>(fit.best_epoch))
      .field("monitor", s.monitor)
      .field("stopped_early", static_cast<long long>(fit.stopped_early ? 1 : 0));
  if (!fit.history.empty()) {
    metrics_fields(json, "", fit.history.back().train);
    if (fit.history.back().validation) metrics_fields(json, "val_", *fit.history.back().validation);
  }
  if (s.test) metrics_fields(json, "test_", *s.test);
  json.field("minibatch", static_cast<long long>(s.minibatch))
      .field("ranks", static_cast<long long>(s.ranks))
      .field("data_load_s", s.data_load_seconds)
      .field("train_s", s.train_seconds);
  if (s.data_parallel && fit.updates > 0) json.field("gradient_allreduce_s_per_update", fit.gradient_sum_seconds / static_cast<double>(fit.updates));
  json.field("recorded_bytes_per_batch", static_cast<long long>(fit.recorded_bytes))
      .field("peak_memory_bytes", static_cast<long long>(peak_memory_bytes()))
      .field("out", s.out)
      .end_object();
  return json.str();
}

}  // namespace netsim::cli
