// The parts of data-parallel training that need no second rank: how minibatches are
// shared out, and errors without a communicator. (Ranks: tests/mpi, tests/apps/mpi_cli_test.)
#include <doctest/doctest.h>

#include "netsim/core/error.h"
#include "netsim/optimizer/data_parallel.h"

namespace netsim::test {

TEST_CASE("rank_share: contiguous shares, as equal as possible, covering the minibatch once") {
  for (Index total : {1, 2, 7, 16, 100, 101}) {
    for (int ranks : {1, 2, 3, 8}) {
      Index next = 0, smallest = total, largest = 0;
      for (int r = 0; r < ranks; ++r) {
        const RankShare s = rank_share(total, r, ranks);
        CHECK(s.first == next);
        next += s.count;
        smallest = std::min(smallest, s.count);
        largest = std::max(largest, s.count);
      }
      CHECK(next == total);
      CHECK(largest - smallest <= 1);
    }
  }
  CHECK(rank_share(100, 1, 2).first == 50);
  CHECK(rank_share(7, 0, 2).count == 3);
  CHECK(rank_share(7, 1, 2).count == 4);
}

TEST_CASE("settle_errors without a communicator: this process's error as it was") {
  CHECK_NOTHROW(settle_errors(nullptr, nullptr));
  CHECK_THROWS_WITH_AS(on_every_rank(nullptr, [] { throw TrainingError("the loss is nan"); }), "the loss is nan", TrainingError);
}

}  // namespace netsim::test
