#pragma once
// The numeric step of each neuron type (core/neuron_type.h), per neuron, in double
// precision as Nengo computes it. J is the input current: bias + gain * (summed input).
//
//   rate types:  a = neuron_rate(type, J); da/dJ = neuron_rate_derivative(type, J)
//   lif:         refractory r -= dt; delta = clip(dt - r, 0, dt);
//                v -= (J - v) expm1(-delta / tau_rc); a spike when v > 1: output
//                amplitude / dt, its time within the step t = dt + tau_rc log1p(-(v - 1)/(J - 1)),
//                then v = 0 and r = tau_ref + t; otherwise v = max(v, min_voltage)
//   spiking_rectified_linear: v += max(J, 0) dt; n = floor(v); output n amplitude / dt; v -= n

#include "netsim/core/neuron_type.h"

namespace netsim::nodes {

// The rate of a rate type (or of a spiking type's rate twin) at current J.
double neuron_rate(const NeuronType& type, double J);
// d neuron_rate / dJ.
double neuron_rate_derivative(const NeuronType& type, double J);

// One step of a lif neuron; returns its output.
double lif_step(const NeuronType& type, double dt, double J, double& voltage, double& refractory);
// One step of a spiking rectified linear neuron; returns its output.
double spiking_rectified_linear_step(const NeuronType& type, double dt, double J, double& voltage);

}  // namespace netsim::nodes
