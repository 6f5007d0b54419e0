-- wrk script: POST /webhooks/scale with a unique task id per request, paced so that the
-- connections together send RATE callbacks per second (wrk2 is not packaged here; a paced
-- wrk with latency far below the pause is the same open loop in practice).
local rate = tonumber(os.getenv("RATE") or "1000")
local connections = tonumber(os.getenv("CONNECTIONS") or "20")
local key = os.getenv("CALLBACK_KEY") or "bench-callback-key"
local prefix = os.getenv("ID_PREFIX") or "bench"
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function delay()
  return connections * 1000 / rate
end

function request()
  counter = counter + 1
  local task = prefix .. "_" .. id .. "_" .. counter .. "_" .. math.random(1, 1000000000)
  return wrk.format("POST", "/webhooks/scale",
    {["scale-callback-auth"] = key, ["Content-Type"] = "application/json"},
    '{"task_id":"' .. task .. '","status":"completed"}')
end
