#pragma once
// The whole public API in one include: the graph model (core), node kinds (nodes) and
// the builder and Simulator. netsim/training.h adds the optimizer layer (training).

#include "netsim/builder/model.h"
#include "netsim/builder/parameter_file.h"
#include "netsim/builder/schedule.h"
#include "netsim/builder/simulator.h"
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
