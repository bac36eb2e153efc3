#pragma once
// The core of the public API in one include: the graph model (core), node kinds (nodes),
// the builder and the Simulator (link netsim_builder). Not in it, each with its own
// includes and library, since each sits in a layer above this one:
//   training             netsim/training.h (Backprop, losses, Trainer; netsim_optimizer)
//   prebuilt networks    netsim/networks/lmu.h, ensemble.h, ... (netsim_networks)
//   network files (YAML) netsim/config/network_file.h (netsim_config)
// netsim::netsim (CMake) or `pkg-config netsim` links every layer.

#include "netsim/builder/model.h"
#include "netsim/builder/parameter_file.h"
#include "netsim/builder/schedule.h"
#include "netsim/builder/simulator.h"
#include "netsim/builder/simulator_training.h"
#include "netsim/core/array3.h"
#include "netsim/core/atomic_file.h"
#include "netsim/core/error.h"
#include "netsim/core/image_window.h"
#include "netsim/core/initializer.h"
#include "netsim/core/network.h"
#include "netsim/core/npy.h"
#include "netsim/core/npz.h"
#include "netsim/core/synapse.h"
#include "netsim/core/transform.h"
