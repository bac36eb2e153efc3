#include "progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace netsim::cli {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressBar::ProgressBar(long total, std::string unit, bool enabled)
    : total_(total), unit_(std::move(unit)), enabled_(enabled && total > 0),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputc('\n', stderr);
}

void ProgressBar::update(long done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // At most ten redraws a second, but always the last one.
  if (done < total_ && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), '.');
  const double eta = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  std::fprintf(stderr, "\r[%s] %ld/%ld %s  %.1f s, ETA %.1f s ", bar.c_str(), done, total_, unit_.c_str(),
               elapsed, eta);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace netsim::cli
