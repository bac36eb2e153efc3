#include "training_progress.h"

#include "progress_bar.h"

namespace netsim::cli {
namespace {

std::string bar(Index done, Index total) {
  constexpr int kWidth = 30;
  const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : kWidth;
  std::string s(static_cast<std::size_t>(std::max(0, filled - 1)), '=');
  if (filled > 0) s += done < total ? '>' : '=';
  s.append(static_cast<std::size_t>(kWidth - filled), '.');
  return "[" + s + "]";
}

std::string fixed(double v, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, v);
  return buffer;
}

}  // namespace

std::string format_metrics(const Metrics& m, const std::string& prefix) {
  std::string s = prefix + "loss: " + fixed(m.loss, 4);
  if (m.accuracy) s += " - " + prefix + "accuracy: " + fixed(*m.accuracy, 4);
  return s;
}

TrainingProgress::TrainingProgress(std::FILE* summary, bool quiet)
    : summary_(summary), quiet_(quiet), live_(!quiet && stderr_is_terminal()) {}

bool TrainingProgress::due(bool last) {
  const auto now = std::chrono::steady_clock::now();
  if (!last && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return false;
  last_draw_ = now;
  return true;
}

void TrainingProgress::batch(const BatchProgress& p) {
  if (!live_) return;
  if (p.batch == 1) {
    end_line();
    std::fprintf(stderr, "Epoch %d/%d\n", p.epoch, p.epochs);
  }
  if (!due(p.batch == p.batches)) return;
  const double eta = p.seconds / static_cast<double>(p.batch) * static_cast<double>(p.batches - p.batch);
  std::fprintf(stderr, "\r%*ld/%ld %s - ETA: %.0fs - %s ", static_cast<int>(std::to_string(p.batches).size()),
               static_cast<long>(p.batch), static_cast<long>(p.batches), bar(p.batch, p.batches).c_str(), eta,
               format_metrics(p.running).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void TrainingProgress::epoch(const EpochRecord& r, Index batches) {
  end_line();
  if (quiet_) return;
  std::string line = "Epoch " + std::to_string(r.epoch) + " - " + std::to_string(batches) + "/" + std::to_string(batches) +
                     " - " + fixed(r.seconds, 1) + "s - " + format_metrics(r.train);
  if (r.validation) line += " - " + format_metrics(*r.validation, "val_");
  line += " - lr: " + fixed(r.learning_rate, 6);
  std::fprintf(summary_, "%s\n", line.c_str());
  std::fflush(summary_);
}

void TrainingProgress::evaluation(Index done, Index total) {
  if (!live_) return;
  if (!drawn_) eval_start_ = std::chrono::steady_clock::now();
  if (!due(done == total)) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - eval_start_).count();
  const double eta = done > 0 ? elapsed / static_cast<double>(done) * static_cast<double>(total - done) : 0.0;
  std::fprintf(stderr, "\revaluating %ld/%ld %s - ETA: %.0fs ", static_cast<long>(done), static_cast<long>(total),
               bar(done, total).c_str(), eta);
  std::fflush(stderr);
  drawn_ = true;
}

void TrainingProgress::end_line() {
  if (drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

}  // namespace netsim::cli
