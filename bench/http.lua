-- wrk script for bench/http.sh: one of its scenarios against livetodo or the raw baseline.
--
--   wrk -t<threads> ... -s bench/http.lua <url> -- <scenario> <target> <users file> <run tag> <threads>
--
-- scenario: get-one | get-list | post-own | post-shared, against livetodo or the baseline; move |
-- search, against livetodo only (the baseline has no order and no search).
-- Each line of the users file is one user: token username personal-list todo-ids shared-list, with
-- the ids of the user's todos joined by commas. wrk's threads share the users out; a thread's
-- requests go round the users it has, and GET /todos/{id} round each user's todos.

local threads_set_up = 0

function setup(thread)
    thread:set("index", threads_set_up)
    threads_set_up = threads_set_up + 1
end

local scenario, target, tag
local users = {}
local sent = 0

function init(args)
    scenario, target, tag = args[1], args[2], args[4]
    local thread_count = tonumber(args[5])
    local line_number = 0
    for line in io.lines(args[3]) do
        local token, name, list, ids, shared = line:match("(%S+) (%S+) (%S+) (%S+) (%S+)")
        if line_number % thread_count == index then
            local todos = {}
            for id in ids:gmatch("%d+") do
                table.insert(todos, id)
            end
            table.insert(users, { token = token, name = name, list = list, todos = todos, shared = shared })
        end
        line_number = line_number + 1
    end
    -- Fewer users than threads (search has one): this thread shares the first.
    if #users == 0 then
        local token, name, list, ids, shared = io.lines(args[3])():match("(%S+) (%S+) (%S+) (%S+) (%S+)")
        table.insert(users, { token = token, name = name, list = list, todos = { ids }, shared = shared })
    end
end

function request()
    sent = sent + 1
    local user = users[sent % #users + 1]
    local headers = {}
    if target == "livetodo" then
        headers["Authorization"] = "Bearer " .. user.token
    end
    if scenario == "move" then
        -- Within the shared list: right after another of its todos, or first one time in ten.
        local todo = user.todos[math.random(#user.todos)]
        local after = user.todos[math.random(#user.todos)]
        if after == todo or math.random(10) == 1 then
            after = "null"
        end
        headers["Content-Type"] = "application/json"
        return wrk.format("POST", "/todos/" .. todo .. "/move", headers, '{"after":' .. after .. "}")
    elseif scenario == "search" then
        local words = { "milk", "paint", "garden", "invoice", "call", "book", "fence", "train" }
        local query = words[sent % #words + 1] .. "%20" .. string.sub(words[(sent * 7) % #words + 1], 1, 3)
        return wrk.format("GET", "/search?q=" .. query, headers)
    elseif scenario == "get-one" then
        return wrk.format("GET", "/todos/" .. user.todos[sent % #user.todos + 1], headers)
    elseif scenario == "get-list" then
        return wrk.format("GET", target == "livetodo" and "/todos/" or "/todos/?list=" .. user.list, headers)
    end
    headers["Content-Type"] = "application/json"
    local body = '{"name":"' .. tag .. "-" .. index .. "-" .. sent .. '"}'
    if target == "baseline" then
        local list = scenario == "post-shared" and user.shared or user.list
        return wrk.format("POST", "/todos/?list=" .. list .. "&user=" .. user.name, headers, body)
    elseif scenario == "post-shared" then
        return wrk.format("POST", "/lists/" .. user.shared .. "/todos/", headers, body)
    end
    return wrk.format("POST", "/todos/", headers, body)
end

function done(summary, latency, requests)
    local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT %.0f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed))
end
