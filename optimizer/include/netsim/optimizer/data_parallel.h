#pragma once
// What a data-parallel training shares between its ranks (docs/distributed.md):
//
//   - the split: each rank simulates one contiguous share of every global minibatch (and
//     of every evaluated split), as equal as possible; it depends on nothing but the
//     global minibatch and the number of ranks;
//   - failures: every rank calls settle_errors() at the same points with the error it
//     hit, if any, and if any rank failed every rank throws that error (the lowest
//     failing rank's), so one rank's bad file or full memory stops all of them with one
//     message instead of leaving the others waiting in a collective call;
//   - bytes: named arrays (a checkpoint) sent from one rank to all.

#include <exception>
#include <string>

#include "netsim/core/npz.h"
#include "netsim/core/types.h"
#include "netsim/optimizer/communicator.h"

namespace netsim {

// Rank `rank`'s share of `total` items: [first, first + count).
struct RankShare {
  Index first = 0;
  Index count = 0;
};
RankShare rank_share(Index total, int rank, int ranks);

// The kind of every error settle_errors throws: it was thrown on every rank at once, so
// one rank (0) reports it and every rank exits with the same status.
class SettledOnEveryRank {
 public:
  virtual ~SettledOnEveryRank() = default;
};
template <class E>
class Settled : public E, public SettledOnEveryRank {
 public:
  using E::E;
};

// Collective. `error` is this rank's (null: none). If some rank failed, every rank throws
// the error of the lowest failing rank, of the same kind (ValidationError, TrainingError,
// OutOfMemoryError, ...; std::bad_alloc as OutOfMemoryError), its message prefixed with
// "rank R of N: " unless every rank failed. Without a communicator, rethrows `error`.
void settle_errors(Communicator* communicator, std::exception_ptr error);

// Runs `work`, then settle_errors with what it threw: the same point on every rank.
template <class Work>
void on_every_rank(Communicator* communicator, Work&& work) {
  std::exception_ptr error;
  try {
    work();
  } catch (...) {
    error = std::current_exception();
  }
  settle_errors(communicator, error);
}

// Collective: rank `root`'s arrays on every rank.
void broadcast_arrays(Communicator& communicator, NamedArrays& arrays, int root);

}  // namespace netsim
