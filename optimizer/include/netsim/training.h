#pragma once
// The public API with training: netsim.h (graph model, builder, Simulator) plus the
// optimizer layer (Backprop, losses, update rules, Trainer, checkpoints, MNIST datasets).
// Link netsim_optimizer.

#include "netsim/netsim.h"
#include "netsim/optimizer/backprop.h"
#include "netsim/optimizer/checkpoint.h"
#include "netsim/optimizer/dataset.h"
#include "netsim/optimizer/idx_file.h"
#include "netsim/optimizer/learning_rate_schedule.h"
#include "netsim/optimizer/loss.h"
#include "netsim/optimizer/mnist.h"
#include "netsim/optimizer/trainer.h"
#include "netsim/optimizer/update_rule.h"
