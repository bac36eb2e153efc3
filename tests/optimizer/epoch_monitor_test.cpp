// The epoch monitor (optimizer/.../epoch_monitor.h): Keras's monitor and patience.
#include <doctest/doctest.h>

#include <netsim/core/error.h>
#include <netsim/optimizer/epoch_monitor.h>

namespace netsim::test {
namespace {

EpochRecord epoch(int n, double loss, double accuracy, double val_loss, double val_accuracy) {
  EpochRecord r;
  r.epoch = n;
  r.train = {.loss = loss, .accuracy = accuracy, .sequences = 10};
  r.validation = Metrics{.loss = val_loss, .accuracy = val_accuracy, .sequences = 5};
  return r;
}

}  // namespace

TEST_CASE("epoch monitor: defaults and refusals as Keras's") {
  CHECK(EpochMonitor("", true, true, 0).name() == "val_accuracy");
  CHECK(EpochMonitor("", true, false, 0).name() == "val_loss");
  CHECK(EpochMonitor("", false, true, 0).name() == "accuracy");
  CHECK(EpochMonitor("", false, false, 0).name() == "loss");
  CHECK_THROWS_WITH_AS(EpochMonitor("val_acc", true, true, 0),
                       "fit: monitor: expected loss, accuracy, val_loss or val_accuracy, got \"val_acc\"", ValidationError);
  CHECK_THROWS_WITH_AS(EpochMonitor("val_loss", false, true, 0), "fit: monitor val_loss needs validation data", ValidationError);
  CHECK_THROWS_WITH_AS(EpochMonitor("accuracy", false, false, 0), doctest::Contains("needs a classification loss"), ValidationError);
  CHECK_THROWS_WITH_AS(EpochMonitor("loss", false, false, -1), doctest::Contains("fit: patience"), ValidationError);
}

TEST_CASE("epoch monitor: the best epoch and patience (accuracy higher, loss lower is better)") {
  const EpochMonitor accuracy("val_accuracy", true, true, 2);
  TrainerState s;
  CHECK(accuracy.observe(epoch(1, 1.0, 0.5, 1.0, 0.60), s));
  CHECK_FALSE(accuracy.observe(epoch(2, 0.9, 0.6, 0.9, 0.60), s));  // equal is not better
  CHECK_FALSE(accuracy.patience_exhausted(s));
  CHECK(accuracy.observe(epoch(3, 0.8, 0.7, 0.8, 0.65), s));
  CHECK(s.best_epoch == 3);
  CHECK(s.wait == 0);
  CHECK_FALSE(accuracy.observe(epoch(4, 0.7, 0.8, 0.7, 0.64), s));
  CHECK_FALSE(accuracy.observe(epoch(5, 0.6, 0.9, 0.6, 0.63), s));
  CHECK(accuracy.patience_exhausted(s));
  CHECK(s.best == doctest::Approx(0.65f));

  const EpochMonitor loss("loss", false, false, 0);
  TrainerState t;
  CHECK(loss.observe(epoch(1, 2.0, 0, 0, 0), t));
  CHECK(loss.observe(epoch(2, 1.5, 0, 0, 0), t));
  CHECK_FALSE(loss.observe(epoch(3, 1.7, 0, 0, 0), t));
  CHECK(t.best_epoch == 2);
  CHECK_FALSE(loss.patience_exhausted(t));  // patience 0: never
}

}  // namespace netsim::test
