// The convolution and pooling transforms and the max_pooling node against direct loops
// written from the definitions (TensorFlow's padding rules), and their shapes and errors.

#include <doctest/doctest.h>

#include <cmath>

#include <netsim/builder/simulator_training.h>
#include <netsim/netsim.h>
#include <netsim/optimizer/backprop.h>

namespace netsim::test {
namespace {

// Runs one step of `net` on one image per row and returns probe "p" [batch x size].
MatrixD run_one_step(const Network& net, const Array3& images) {
  Simulator sim(net, {.dt = 1.0, .minibatch = images.dim(0)});
  sim.set_input("x", images);
  sim.run_steps(1);
  const Array3 data = sim.probe_data("p");
  MatrixD out(data.dim(0), data.dim(2));
  for (Index b = 0; b < out.rows(); ++b)
    for (Index i = 0; i < out.cols(); ++i) out(b, i) = data(b, 0, i);
  return out;
}

Array3 random_images(Index batch, Index size, std::uint64_t seed) {
  Rng rng(seed);
  Array3 a(batch, 1, size);
  for (Index i = 0; i < a.size(); ++i) a.data()[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  return a;
}

// The input value at (y, x, c), 0 outside the image (zero padding).
double pixel(const Array3& images, Index b, const ImageShape& s, Index y, Index x, Index c) {
  if (y < 0 || x < 0 || y >= s.height || x >= s.width) return 0.0;
  return images(b, 0, (y * s.width + x) * s.channels + c);
}

}  // namespace

TEST_CASE("image windows: output sizes and padding follow TensorFlow's rules") {
  const Window2D same{.height = 3, .width = 2, .stride_y = 2, .stride_x = 2, .padding = Padding::same};
  CHECK(same.out_height(5) == 3);  // ceil(5 / 2)
  CHECK(same.pad_top(5) == 1);     // total (3-1)*2 + 3 - 5 = 2, one before
  CHECK(same.out_width(6) == 3);
  CHECK(same.pad_left(6) == 0);    // total (3-1)*2 + 2 - 6 = 0
  const Window2D even{.height = 4, .width = 4, .padding = Padding::same};
  CHECK(even.pad_top(7) == 1);     // total 3: one before, two after
  const Window2D valid{.height = 5, .width = 5, .stride_y = 2, .stride_x = 3};
  CHECK(valid.out_height(28) == 12);  // floor(23 / 2) + 1
  CHECK(valid.out_width(28) == 8);    // floor(23 / 3) + 1
  CHECK(valid.out_height(4) == 0);
  const ConvolutionSpec conv{{28, 28, 1}, 32, {.height = 5, .width = 5, .padding = Padding::same}};
  CHECK(conv.output() == ImageShape{28, 28, 32});
  CHECK(conv.patch_size() == 25);
  CHECK(conv.to_string() == "conv 5x5 stride 1x1 same, 28x28x1 -> 28x28x32");
  CHECK_THROWS_WITH_AS(ConvolutionSpec({{3, 3, 1}, 2, {.height = 4, .width = 4}}).check("c"),
                       "c: expected a window no larger than the input with padding valid, got 4x4 on 3x3x1",
                       ValidationError);
}

TEST_CASE("convolution transform: values equal a direct convolution (valid and same, strides)") {
  struct Case {
    ConvolutionSpec spec;
  };
  const Case cases[] = {
      {{{5, 5, 2}, 3, {.height = 3, .width = 3}}},
      {{{6, 7, 3}, 2, {.height = 3, .width = 2, .stride_y = 2, .stride_x = 3, .padding = Padding::same}}},
      {{{4, 4, 1}, 4, {.height = 4, .width = 4, .padding = Padding::same}}},
      {{{7, 5, 2}, 1, {.height = 2, .width = 3, .stride_y = 3, .stride_x = 1}}},
  };
  for (const Case& c : cases) {
    const ConvolutionSpec& s = c.spec;
    CAPTURE(s.to_string());
    const ImageShape out = s.output();
    Network net;
    auto x = net.input("x", s.input.size());
    auto y = net.node("y", out.size());
    net.connect(x, y, {.transform = Transform::convolution(s, init::uniform(-1, 1)), .name = "conv"});
    net.probe(y, {.name = "p"});
    const Array3 images = random_images(3, s.input.size(), 5);
    Simulator sim(net, {.dt = 1.0, .minibatch = 3});
    const Matrix kernels = sim.parameter("conv").value;  // [F x kh*kw*C]
    REQUIRE(kernels.rows() == s.filters);
    REQUIRE(kernels.cols() == s.patch_size());
    const MatrixD got = run_one_step(net, images);
    const Index top = s.window.pad_top(s.input.height), left = s.window.pad_left(s.input.width);
    double worst = 0.0;
    for (Index b = 0; b < 3; ++b)
      for (Index oy = 0; oy < out.height; ++oy)
        for (Index ox = 0; ox < out.width; ++ox)
          for (Index f = 0; f < s.filters; ++f) {
            double sum = 0.0;
            for (Index ky = 0; ky < s.window.height; ++ky)
              for (Index kx = 0; kx < s.window.width; ++kx)
                for (Index ch = 0; ch < s.input.channels; ++ch) {
                  const double w = kernels(f, (ky * s.window.width + kx) * s.input.channels + ch);
                  sum += w * pixel(images, b, s.input, oy * s.window.stride_y - top + ky,
                                   ox * s.window.stride_x - left + kx, ch);
                }
            worst = std::max(worst, std::abs(sum - got(b, (oy * out.width + ox) * s.filters + f)));
          }
    CHECK(worst < 1e-5);
  }
}

TEST_CASE("convolution: images in several cache blocks give the values and gradients of direct loops") {
  // The operator runs im2col and the GEMMs on as many images at a time as keep their
  // patches within about 1 MB: 24x24x16 with 5x5 kernels is 0.9 MB a image (three blocks
  // of one for three images), 16x16x16 0.4 MB (a block of two, then one).
  const ConvolutionSpec specs[] = {
      {{24, 24, 16}, 4, {.height = 5, .width = 5, .padding = Padding::same}},
      {{16, 16, 16}, 3, {.height = 5, .width = 5, .stride_y = 1, .stride_x = 2, .padding = Padding::same}},
  };
  for (const ConvolutionSpec& s : specs) {
    CAPTURE(s.to_string());
    const ImageShape out = s.output();
    const Index batch = 3;
    Network net;
    auto x = net.input("x", s.input.size());
    auto img = net.node("img", s.input.size());
    auto y = net.node("y", out.size());
    // A trainable per-pixel gain (all ones) in front, so the convolution's input gradient
    // is wanted: its gradient is sum_b dL/dimg[b, i] * x[b, i].
    net.connect(x, img, {.transform = Transform::diagonal(VectorD::Ones(s.input.size())), .trainable = true, .name = "gain"});
    net.connect(img, y, {.transform = Transform::convolution(s, init::uniform(-1, 1)), .name = "conv"});
    net.probe(y, {.name = "p"});
    const Array3 images = random_images(batch, s.input.size(), 11);
    const Array3 dy = random_images(batch, out.size(), 12);  // dL/dy
    Simulator sim(net, {.dt = 1.0, .minibatch = batch, .rows_per_task = batch});
    sim.set_input("x", images);
    sim.training_support().set_recording(true);
    sim.run_steps(1);
    const Array3 got = sim.probe_data("p");
    const ParameterGradients grads = Backprop(sim).run({{"p", Array3(dy)}});
    const Matrix kernels = sim.parameter("conv").value;  // [F x kh*kw*C]
    const Matrix& dk = grads[static_cast<std::size_t>(sim.model().find_parameter("conv")->index)];
    const Matrix& dgain = grads[static_cast<std::size_t>(sim.model().find_parameter("gain")->index)];
    REQUIRE(dgain.size() == s.input.size());
    const Index top = s.window.pad_top(s.input.height), left = s.window.pad_left(s.input.width);
    MatrixD want_dk = MatrixD::Zero(kernels.rows(), kernels.cols());
    VectorD want_dgain = VectorD::Zero(s.input.size());
    double worst_y = 0.0;
    for (Index b = 0; b < batch; ++b)
      for (Index oy = 0; oy < out.height; ++oy)
        for (Index ox = 0; ox < out.width; ++ox)
          for (Index f = 0; f < s.filters; ++f) {
            const Index o = (oy * out.width + ox) * s.filters + f;
            double sum = 0.0;
            for (Index ky = 0; ky < s.window.height; ++ky)
              for (Index kx = 0; kx < s.window.width; ++kx) {
                const Index iy = oy * s.window.stride_y - top + ky, ix = ox * s.window.stride_x - left + kx;
                for (Index ch = 0; ch < s.input.channels; ++ch) {
                  const Index k = (ky * s.window.width + kx) * s.input.channels + ch;
                  const double v = pixel(images, b, s.input, iy, ix, ch);
                  sum += kernels(f, k) * v;
                  want_dk(f, k) += dy(b, 0, o) * v;
                  if (v != 0.0) want_dgain((iy * s.input.width + ix) * s.input.channels + ch) += dy(b, 0, o) * kernels(f, k) * v;
                }
              }
            worst_y = std::max(worst_y, std::abs(sum - got(b, 0, o)));
          }
    CHECK(worst_y < 1e-4);
    CHECK((dk.cast<double>() - want_dk).cwiseAbs().maxCoeff() < 1e-3 * std::max(1.0, want_dk.cwiseAbs().maxCoeff()));
    const Eigen::Map<const Eigen::VectorXf> dg(dgain.data(), dgain.size());
    CHECK((dg.cast<double>() - want_dgain).cwiseAbs().maxCoeff() < 1e-3 * std::max(1.0, want_dgain.cwiseAbs().maxCoeff()));
    CHECK(want_dgain.cwiseAbs().maxCoeff() > 0.0);
  }
}

TEST_CASE("average pooling and max pooling: values by hand, padding same averages what is inside") {
  // One 3x3 image, 1 channel: 1..9. Pool 2x2, stride 2, same: windows {1,2,4,5}, {3,6},
  // {7,8}, {9} (TensorFlow leaves the padding out of the average).
  Array3 image(1, 1, 9);
  for (Index i = 0; i < 9; ++i) image(0, 0, i) = static_cast<float>(i + 1);
  const PoolingSpec pool{{3, 3, 1}, {.height = 2, .width = 2, .stride_y = 2, .stride_x = 2, .padding = Padding::same}};
  Network avg_net;
  auto x = avg_net.input("x", 9);
  auto y = avg_net.node("y", 4);
  avg_net.connect(x, y, {.transform = Transform::average_pooling(pool)});
  avg_net.probe(y, {.name = "p"});
  const MatrixD avg = run_one_step(avg_net, image);
  CHECK(avg(0, 0) == doctest::Approx(3.0));
  CHECK(avg(0, 1) == doctest::Approx(4.5));
  CHECK(avg(0, 2) == doctest::Approx(7.5));
  CHECK(avg(0, 3) == doctest::Approx(9.0));

  Network max_net;
  auto mx_in = max_net.input("x", 9);
  auto mx = max_net.max_pooling("mx", pool);
  max_net.connect(mx_in, mx, {.transform = -1.0});  // max of -v: the smallest of each window
  max_net.probe(mx, {.name = "p"});
  const MatrixD m = run_one_step(max_net, image);
  CHECK(m(0, 0) == -1.0);
  CHECK(m(0, 1) == -3.0);
  CHECK(m(0, 2) == -7.0);
  CHECK(m(0, 3) == -9.0);
}

TEST_CASE("max pooling: many channels (more than one chunk of 64) equal a direct maximum") {
  const PoolingSpec pool{{5, 4, 70}, {.height = 2, .width = 3, .stride_y = 2, .stride_x = 1, .padding = Padding::same}};
  const ImageShape out = pool.output();
  Network net;
  auto x = net.input("x", pool.input.size());
  auto mx = net.max_pooling("mx", pool);
  net.connect(x, mx);
  net.probe(mx, {.name = "p"});
  const Array3 images = random_images(2, pool.input.size(), 9);
  const MatrixD got = run_one_step(net, images);
  const Index top = pool.window.pad_top(5), left = pool.window.pad_left(4);
  int mismatches = 0;
  for (Index b = 0; b < 2; ++b)
    for (Index oy = 0; oy < out.height; ++oy)
      for (Index ox = 0; ox < out.width; ++ox)
        for (Index c = 0; c < 70; ++c) {
          double best = -1e30;
          for (Index y = oy * 2 - top; y < oy * 2 - top + 2; ++y)
            for (Index xx = ox - left; xx < ox - left + 3; ++xx)
              if (y >= 0 && xx >= 0 && y < 5 && xx < 4) best = std::max(best, pixel(images, b, pool.input, y, xx, c));
          mismatches += best != got(b, (oy * out.width + ox) * 70 + c);
        }
  CHECK(mismatches == 0);
}

TEST_CASE("convolution and pooling: wrong sizes and bad specs are named") {
  Network net;
  auto x = net.input("x", 10);
  auto y = net.node("y", 8);
  const ConvolutionSpec conv{{3, 3, 1}, 2, {.height = 2, .width = 2}};
  CHECK_THROWS_WITH_AS(net.connect(x, y, {.transform = Transform::convolution(conv)}),
                       doctest::Contains("expected an input of 9 values (3x3x1), got a pre of 10"), ValidationError);
  auto x9 = net.input("x9", 9);
  auto y9 = net.node("y9", 9);
  CHECK_THROWS_WITH_AS(net.connect(x9, y9, {.transform = Transform::convolution(conv)}),
                       doctest::Contains("expected a post of 8 values (2x2x2), got a post of 9"), ValidationError);
  CHECK_NOTHROW(net.connect(x9, y, {.transform = Transform::convolution(conv)}));
  CHECK_THROWS_WITH_AS(net.connect(x9, y9, {.transform = Transform::average_pooling(PoolingSpec{{3, 3, 1}, {}}), .trainable = true}),
                       doctest::Contains("trainable"), ValidationError);
  CHECK_THROWS_WITH_AS(net.max_pooling("mp", PoolingSpec{{3, 3, 0}, {.height = 2, .width = 2}}),
                       "node 'mp': max_pooling: input channels: expected a positive number, got 0", ValidationError);
}

}  // namespace netsim::test
