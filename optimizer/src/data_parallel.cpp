#include "netsim/optimizer/data_parallel.h"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <new>
#include <vector>

#include "netsim/core/error.h"

namespace netsim {
namespace {

// An error as one character for its kind and its message, to send to the other ranks.
std::string encode(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ValidationError& e) {
    return std::string("V") + e.what();
  } catch (const std::filesystem::filesystem_error& e) {  // a path the system refuses, as dispatch_command says it
    return "V" + (e.path1().empty() ? std::string("a path") : e.path1().string()) + ": " + e.code().message();
  } catch (const BuildError& e) {
    return std::string("B") + e.what();
  } catch (const SimulationError& e) {
    return std::string("S") + e.what();
  } catch (const TrainingError& e) {
    return std::string("T") + e.what();
  } catch (const OutOfMemoryError& e) {
    return std::string("O") + e.what();
  } catch (const std::bad_alloc&) {
    return "Oout of memory (try a smaller --minibatch)";
  } catch (const std::exception& e) {
    return std::string("E") + e.what();
  } catch (...) {
    return "Eunknown error";
  }
}

[[noreturn]] void throw_decoded(const std::string& encoded, const std::string& prefix) {
  const std::string message = prefix + (encoded.empty() ? std::string() : encoded.substr(1));
  switch (encoded.empty() ? 'E' : encoded[0]) {
    case 'V': throw Settled<ValidationError>(message);
    case 'B': throw Settled<BuildError>(message);
    case 'S': throw Settled<SimulationError>(message);
    case 'T': throw Settled<TrainingError>(message);
    case 'O': throw Settled<OutOfMemoryError>(message);
    default: throw Settled<Error>(message);
  }
}

void put(std::string& out, const void* data, std::size_t bytes) {
  out.append(static_cast<const char*>(data), bytes);
}

template <class T>
T take(const std::string& in, std::size_t& at) {
  T v;
  if (at + sizeof(T) > in.size()) throw Error("broadcast_arrays: truncated message");
  std::memcpy(&v, in.data() + at, sizeof(T));
  at += sizeof(T);
  return v;
}

}  // namespace

RankShare rank_share(Index total, int rank, int ranks) {
  const Index first = total * rank / ranks, end = total * (rank + 1) / ranks;
  return {first, end - first};
}

void settle_errors(Communicator* communicator, std::exception_ptr error) {
  if (!communicator) {
    if (error) std::rethrow_exception(error);
    return;
  }
  const int ranks = communicator->size(), me = communicator->rank();
  std::vector<double> failed(static_cast<std::size_t>(ranks), 0.0);
  failed[static_cast<std::size_t>(me)] = error ? 1.0 : 0.0;
  communicator->sum(failed);
  int first = -1, count = 0;
  for (int r = 0; r < ranks; ++r) {
    if (failed[static_cast<std::size_t>(r)] == 0.0) continue;
    if (first < 0) first = r;
    ++count;
  }
  if (first < 0) return;
  std::string encoded = me == first ? encode(error) : std::string();
  communicator->broadcast(encoded, first);
  const std::string prefix =
      count == ranks ? std::string() : "rank " + std::to_string(first) + " of " + std::to_string(ranks) + ": ";
  throw_decoded(encoded, prefix);
}

void broadcast_arrays(Communicator& communicator, NamedArrays& arrays, int root) {
  std::string bytes;
  if (communicator.rank() == root) {
    const auto count = static_cast<std::uint64_t>(arrays.size());
    put(bytes, &count, sizeof count);
    for (const auto& [name, array] : arrays) {
      const auto name_size = static_cast<std::uint64_t>(name.size()), rank = static_cast<std::uint64_t>(array.shape.size()),
                 values = static_cast<std::uint64_t>(array.values.size());
      put(bytes, &name_size, sizeof name_size);
      put(bytes, name.data(), name.size());
      put(bytes, &rank, sizeof rank);
      put(bytes, array.shape.data(), array.shape.size() * sizeof(Index));
      put(bytes, &values, sizeof values);
      put(bytes, array.values.data(), array.values.size() * sizeof(float));
    }
  }
  communicator.broadcast(bytes, root);
  if (communicator.rank() == root) return;
  arrays.clear();
  std::size_t at = 0;
  const auto count = take<std::uint64_t>(bytes, at);
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto name_size = take<std::uint64_t>(bytes, at);
    if (at + name_size > bytes.size()) throw Error("broadcast_arrays: truncated message");
    std::string name = bytes.substr(at, name_size);
    at += name_size;
    NdArray array;
    const auto rank = take<std::uint64_t>(bytes, at);
    for (std::uint64_t d = 0; d < rank; ++d) array.shape.push_back(take<Index>(bytes, at));
    const auto values = take<std::uint64_t>(bytes, at);
    if (at + values * sizeof(float) > bytes.size()) throw Error("broadcast_arrays: truncated message");
    array.values.resize(values);
    std::memcpy(array.values.data(), bytes.data() + at, values * sizeof(float));
    at += values * sizeof(float);
    arrays.emplace_back(std::move(name), std::move(array));
  }
}

}  // namespace netsim
