"""A fifth development set of hostile and warm seller drafts, written to train the tone model.

The model learns from the development sets; these drafts are never copied into rules. The
hostile drafts blame the customer, repeat "as I already said", point condescendingly at the
listing or policy, apologise without apologising, belittle the price, threaten, doubt the
story, refund grudgingly, lecture, guilt-trip or turn a warm opening on the buyer. The warm
drafts apologise and fix, refuse kindly with a reason, hold calm boundaries, mention the
carrier or policy neutrally, and include many proactive messages that answer no complaint.
"""

from __future__ import annotations

#: Hostile, defensive, cold and passive-aggressive drafts.
HOSTILE_DEV5: list[str] = [
    # blaming the customer
    "You gave me the wrong address, so that one's on you.",
    "If you'd put your flat number in, the parcel would have arrived. Simple as that.",
    "The ring is a size N like you ordered. Your fingers are not my responsibility.",
    "Your skin reacting to it is a you problem, the soap is completely natural.",
    "You clearly didn't measure before ordering, which is why it doesn't fit.",
    "Honestly, if you'd read past the first line you'd have seen it's a sample size.",
    "You washed a wool jumper on 60 degrees and now you want a refund? Come on.",
    "Nobody else has had this issue. Just you.",
    "You left it in a hot car and it melted. That's not a manufacturing fault.",
    "Maybe ask your partner to check the doorstep before accusing me of not sending it.",
    # as I already said
    "As I already said, the parcel left on Tuesday.",
    "Please re-read my previous message. I answered this yesterday.",
    "Scroll up. It's all there.",
    "As previously mentioned, which you'd know if you read my replies, the order is final.",
    "Repeating myself here, but the kit does not include batteries.",
    # pointing to listing or policy condescendingly
    "It's in the listing. In bold.",
    "The policy is linked at the bottom of every page, in case you missed it.",
    "The word 'approximately' is in the listing for a reason.",
    "You agreed to the terms when you paid. Might be worth having a look at them now.",
    # non-apologies
    "Sorry you feel that way.",
    "I'm sorry if you were confused by the listing.",
    "I apologise if my tone came across badly, but I stand by everything I said.",
    "I'm sorry you've chosen to see it that way.",
    # belittling the price or expectations
    "For what you paid, I'm not sure what you expected.",
    "It was £6. It's not going to be heirloom quality.",
    "It's a $12 necklace, not Tiffany.",
    # comparing with happier customers
    "I have over 2,000 five-star reviews. I think the problem might be on your end.",
    "Everyone else who bought this batch loves it.",
    "Funny how you're the only one out of hundreds to complain.",
    "My other buyers manage to follow the care instructions just fine.",
    # workload and effort
    "I spent six hours on your order and this is the thanks I get.",
    "I've been up since five packing orders, so forgive me if I don't drop everything for this.",
    "I really don't have the energy for another one of these conversations.",
    # threats
    "If you leave a bad review I will report you to the marketplace.",
    "Open a case and I'll fight it, and I'll win.",
    "Any chargeback will be disputed with full evidence, just so you know.",
    "I've screenshotted this whole conversation, by the way.",
    # doubting their story
    "Funny how it always goes missing when it's an expensive one.",
    "Convenient that it arrived broken right after the return window closed.",
    "Strange that the box looks fine but the vase is smashed.",
    "Are you sure you didn't drop it?",
    # demanding proof rudely
    "Photo or it didn't happen.",
    "I'll need a video of you opening it, unedited, before I even consider it.",
    "Prove it.",
    # grudging refunds
    "Fine. Have your money back.",
    "Whatever, I've refunded you. Happy now?",
    "Fine, keep it and have a full refund. I give up.",
    # lecturing about online shopping
    "That's how online shopping works: you read the description, then you buy.",
    "Posting takes time. This isn't a same-day service.",
    "A little tip for the future: read before you order.",
    # mock politeness
    "Kindly wait like everyone else.",
    "For your information, Royal Mail is not run by me.",
    "Lovely to hear from you again. For the fourth time today.",
    "Please do let me know if there's anything else I've apparently done wrong.",
    # curt refusals
    "No.",
    "No exchanges.",
    "Can't do that.",
    "Answer's still no.",
    # carrier dismissal
    "Not my problem once it's posted.",
    "I'm not the postman.",
    "Evri lost it, not me. Complain to them.",
    # guilt-tripping
    "I'm a small business. A refund like this genuinely hurts my family.",
    "Every bad review takes food off my kids' table, you know. I hope you think about that.",
    "Big companies can afford this kind of thing. I can't. Thanks for that.",
    "I hope you realise you're messaging a single mum working two jobs, not Amazon.",
    # ultimatums
    "Last offer. Take it or leave it.",
    "Remove the review and I'll refund you. Otherwise, no.",
    # condescension
    "Let me explain this slowly.",
    "Bless you, you've got yourself in a right muddle.",
    "Oh sweetie, that's not how sizing works.",
    # sarcastic emojis
    "Wow, another complaint 🙄",
    "Sure, I'll just magic a new one out of thin air ✨",
    "Brilliant. Really appreciate it 🙃",
    # capitals
    "IT SAYS NON-REFUNDABLE.",
    "The listing says SMALL. Not medium. SMALL.",
    "For the LAST time, I do not ship to PO boxes.",
    # mild swearing
    "Bloody hell, it's been two days. Give it a chance.",
    "I'm not sending a damn thing until I see it back.",
    # accusing of scamming
    "Nice try, but I know exactly what you're doing.",
    "You've got three other 'not received' claims with different sellers. Interesting.",
    "Wardrobing is a thing and it's pretty obvious here.",
    # refusing to engage
    "I won't be responding to any more messages about this.",
    "I'm done here.",
    # sign-offs
    "The order was sent on time as promised. Have a blessed day.",
    "I hope you find a seller who meets your standards. Take care.",
    "Anyway. Best of luck with your next purchase. Cheers.",
    # third person
    "The customer has failed to read the listing and is now blaming the seller.",
    "This buyer seems to think I'm made of money.",
    # with all due respect / no offence
    "With all due respect, I've been doing this for twelve years.",
    "No offence, but it sounds like you just didn't read anything.",
    "No disrespect intended, but that's just a silly complaint.",
    # I'm not sure what you expected
    "I'm not sure what you expected from a secondhand coat.",
    "What did you expect? It's vintage.",
    # three-to-five-sentence replies
    "I've checked the order and you selected the wrong colour. That's not something I can change "
    "after it's made. You'll have to live with it.",
    "The parcel was posted on the 3rd. Tracking shows it's at your local depot. There is nothing "
    "else I can do, so please stop messaging me.",
    "Your mug arrived intact according to the courier's photo. Now you're saying it's chipped. "
    "I'm going to need a lot more than your word for it.",
    "I don't do returns on earrings. It's a hygiene thing. Everyone knows that, surely.",
    "It's a hand-thrown bowl, so it's meant to be a bit wonky. That's the whole point. Perhaps "
    "mass-produced stuff is more your style.",
    "You ordered a 5x7 print. It is a 5x7 print. If you wanted something bigger you should have "
    "ordered something bigger.",
    "I've been in business for nine years and never had a complaint like this. I think you might "
    "be mistaken. Have another look before you accuse me of anything.",
    "You messaged me at 11pm on a Sunday and you're upset I didn't answer until Monday. I do "
    "sleep. Hope that's OK with you.",
    "The tracking shows it was left in your porch. That's where you asked for it to go. I really "
    "don't see how this is my fault.",
    "Returns are at the buyer's cost. That has always been the case. I'm not making an exception "
    "just because you're cross.",
    "Yes, it's slightly different from the photo. Every piece is unique, which it says in the "
    "listing. Nobody forced you to buy it.",
    "I'll refund the shipping, but that's it. The rest was your choice. Let's not drag this out.",
    "You've asked the same question four times. The answer is still Thursday. Please just wait.",
    "The seams are fine when I look at the photo. You've probably pulled at it. Wool isn't "
    "indestructible.",
    "I sent exactly what you paid for. Check your order confirmation. Then come back to me.",
    "Your dog chewing the corner isn't covered. I'm a seller, not an insurance company. Sorry.",
    "Right, so you want a full refund and to keep the item? That's not how this works. Send it "
    "back or don't, up to you.",
    "I offered you a replacement and you said no. I offered store credit and you said no. At this "
    "point I don't know what you want from me.",
    "Gift wrapping was an optional extra and you didn't tick it. So no, it wasn't gift wrapped. "
    "Bit late to complain now.",
    "It's not faded, that's the colour. Your phone screen probably makes it look brighter. Not "
    "something I can fix.",
    "The order says Mrs Hollis, 14 Albany Road. That's where it went. If you've moved, that's "
    "rather important information to share.",
    "Leather creases. That's what leather does. If you wanted plastic, there are plenty of "
    "cheaper shops.",
    "I don't know why you're surprised it took ten days. It says ten days. Right there.",
    "Look, I'm busy. Send a photo if you want me to look at it, otherwise there's not much to "
    "discuss.",
    "I'm happy to help customers who are polite. You haven't been. So this will take as long as "
    "it takes.",
    "The seal was broken when it came back to me, so no refund. You opened it. That's the rule.",
    "You're the third person this month trying this. I'm not falling for it again. Return it "
    "tracked or forget it.",
    "I can't believe I have to explain this, but personalised items can't be resold. So no, you "
    "can't return a mug with your dog's name on it.",
    "Not everything is going to be perfect. It's a handmade item from a tiny studio. Perhaps "
    "lower the bar a bit.",
    "You could have asked before buying. You didn't. Now here we are.",
    "The sizing chart is in centimetres and in inches. I'm not sure how much clearer I can make "
    "it. Maybe measure twice next time.",
    "I'm not paying to send another one. I sent it once. It's the post office's job after that.",
    "Your bank will side with me, I've got proof of delivery. So go ahead and file it if you "
    "really want.",
    "Frankly, I've got better things to do than argue about a £4 keyring.",
    "I get that you're frustrated. But shouting at me isn't going to make the parcel move any "
    "faster. Try being civil.",
    "I'll let it go this time. But I'll be noting it on your account.",
    "Okay, so you didn't like the colour. That's not a defect. It's taste.",
    "Your complaint has been noted and ignored, as it's not covered by my policy.",
    # warm openings that turn, and longer replies with a barb
    "Thanks for your message! Unfortunately, you clearly didn't read the size guide.",
    "Hi there, thanks for getting in touch! Sadly, as anyone who read the listing would know, "
    "this is a final sale item.",
    "Hello and thank you for your order! I can see you've left a three-star review before even "
    "opening it, which is a bit odd.",
    "Thanks so much for reaching out! I'm afraid I can't help with problems you've caused "
    "yourself.",
    "Hiya, thanks for the lovely message yesterday. Shame about today's one.",
    "Hi Jenna, thanks for your patience. The replacement is being posted tomorrow by first class. "
    "I've added a little extra packing around the teapot this time. It should arrive by "
    "Thursday. For future reference though, it helps to actually be home when a signed-for "
    "parcel is delivered.",
    "Good morning, and thank you for shopping with us. I've looked into your order and the "
    "cushion cover was dispatched on Monday. Tracking shows it arriving tomorrow. I'd ask you to "
    "wait until then before opening another case, as it really doesn't speed anything up and "
    "just makes extra work for me.",
    "Hi Sam, thanks for the photos. I can see the mark on the sleeve. I'm happy to send a "
    "replacement jumper out this week. Honestly though, most people would have just asked "
    "nicely rather than threatening a bad review in the first message.",
    "Hello, I'm sorry to hear the print isn't what you hoped. I've attached the listing photos "
    "again so you can compare. As you'll see, it is identical. I'm not sure what more I can do "
    "here, as the problem seems to be with your expectations rather than the print.",
    "Hi, thanks for letting me know. I've issued a refund for the missing earring backs, which "
    "should land in three to five days. I hope you enjoy the earrings. Next time, a bit of "
    "patience before shouting 'scam' would be appreciated.",
    "Dear Mr Okafor, thank you for your email. I have reviewed the order and all items were "
    "packed and checked by me personally. The box was weighed at the post office. I'm therefore "
    "confident everything was sent. Perhaps someone else in your household opened it first?",
    "Hi Claire, lovely to hear from you. The blanket is indeed a little smaller than the throw "
    "you had before. It's listed as a lap blanket, 100 by 120cm. I'm happy to swap it for the "
    "larger one if you cover postage both ways. I did think the word 'lap' made it fairly "
    "obvious, but there we go.",
    "Thanks for your patience while I looked into this. Your parcel is showing as delivered to "
    "a safe place on Friday at 2pm. The courier's photo shows it by a blue door. I'd suggest "
    "looking properly this time, since you seem to have missed it once already.",
    "Hello! Thanks for ordering from our little shop. I've had a look and the candles were "
    "wrapped in bubble wrap and boxed. They left here in perfect condition. If they melted "
    "on your windowsill in July, I don't really think that's something I should be paying for.",
    "Hi Rob, happy to help. The battery pack is sold separately, which is why it wasn't in your "
    "box. You can add it from the shop page for £8.50 and I'll post it the same day. It does "
    "say 'batteries not included' three times in the listing, but I know some people skim.",
    "Hi there, sorry for the delay in replying, it's been a busy week. I've refunded your "
    "postage as a gesture of goodwill. Having said that, I'd appreciate you amending the review, "
    "since most of what you wrote isn't actually true.",
    "Good afternoon. I appreciate you taking the time to write. I've read your message and I "
    "understand you're unhappy with the thickness of the paper. It is 300gsm, as stated. I can "
    "offer a 10% refund. I won't be offering more than that, so I'd accept it if I were you.",
    "Hi Priya, thank you for the kind words about the packaging! I'm glad the bracelet arrived "
    "safely. About the clasp, it's a standard lobster clasp, so it does take a little practice. "
    "Maybe ask someone with steadier hands to help you the first few times.",
    "Hi! Thanks for getting back to me so quickly. I've checked with the printer and the proof "
    "you approved had 'Bethany' spelt with one 'n' and two 't's. I printed exactly what you "
    "approved. I can reprint at cost, but honestly I'd expect people to check their own "
    "daughter's name before signing off.",
    "Hello, thank you for your order and for the long message. I do understand it's frustrating "
    "when things take time. Your order is third in the queue and will be finished on Wednesday. "
    "Sending me six messages a day won't move it any higher.",
    "Morning! Thanks for the update. Glad to hear the table arrived. The wobble is most likely "
    "your floor rather than the legs, as every table is checked on a level surface before it "
    "leaves. Perhaps try it in another room before you blame my workmanship.",
    "Hi, thanks for your question. Yes, the cardigan can be machine washed on a wool cycle, as "
    "explained on the care card you threw away. I'll send a photo of it. Please keep it this "
    "time.",
    "Hello, thanks for the message and the photo. I can see the crack and I'm sorry it happened "
    "in transit. I'll send a new plate out on Monday. I do have to say that I've never had a "
    "parcel broken in four years until I sent one to you, so I'm wrapping this one very "
    "carefully indeed.",
    "Thank you for your feedback. We take all comments seriously and pass them on to the team. "
    "In this case though, the team is me, and I think your comment is unfair. Regards.",
    "Hi Dominic, I hope you're well. I've read your review and, to be honest, I was quite "
    "surprised. You told me on Tuesday that you loved the wallet. Now it's two stars. I'm not "
    "sure which version of you to believe.",
    "Hello again! I've checked the listing, my messages to you, and the order itself. Everything "
    "matches. I've been as patient as I can be. I'm sorry, but I think we're going round in "
    "circles because you don't want to hear the answer.",
    "Hi Maria, thanks for being so understanding about the wait. Your necklace is finished and "
    "will go out tomorrow. It's a shame you couldn't extend the same courtesy in your review "
    "last week, but I'm sure you'll love it.",
    "Hi, thank you for the return. I've received the shoes and inspected them. Sadly the soles "
    "show clear signs of outdoor wear. I'll be refunding 50%. I'm sure you understand why, even "
    "if you'll pretend otherwise.",
    "Thanks for the message. Yes, I saw it. Yes, I'll deal with it. No, shouting won't make it "
    "quicker.",
    "Hello and thanks for reaching out. I'm sorry the package was late. Christmas post is "
    "always slower, which most people know by now, and I did put a banner on the shop. Anyway, "
    "it's there now.",
    "Dear customer, thank you for contacting us. Our records show your order was dispatched "
    "within the stated timeframe. We are unable to accept responsibility for carrier delays. "
    "Please direct further enquiries to the carrier and not to us. Kind regards.",
    "Hi Tom, of course, happy to look into it. Before I do, just to check: you did read the bit "
    "that says the lamp needs a bulb? Because it doesn't come with one. Let me know.",
    "Hi there, thank you for choosing us for your wedding favours. I know the ribbons are a "
    "slightly darker sage than you hoped. That's the nature of dyed silk, and I did send you a "
    "swatch, which you approved. So I'm really not sure what the complaint is.",
    "Lovely to hear from you. I've had a look at the photos. The 'damage' is the natural grain "
    "of the oak. It's meant to be there. I'll take that as a compliment to the wood rather than "
    "a complaint, shall I?",
    "Hi! Thanks for your order of the planner. The inserts are A5, as listed. Your binder is "
    "clearly not A5. I'd suggest checking what you own before buying accessories for it.",
    "Thank you for your patience. Your refund of $34.00 has been processed today. I've also "
    "blocked you from purchasing again, as I don't think we're a good fit.",
    "Hi Gemma, thank you for sending the photos so quickly. I've looked at them carefully. The "
    "stain is on the outside of the bag, not the inside, which usually means it happened after "
    "delivery. I'm not going to accuse you of anything, but I won't be refunding either.",
    "Hello, thanks for your email. We appreciate every customer. We do ask, however, that "
    "customers behave like adults when things go wrong. Your refund is on its way.",
    "Hi, thanks. I'll have a look when I get a minute. I've got forty orders to pack today and "
    "yours isn't the only one, so please bear with me and don't chase.",
    "Hi Alex, thanks for your interest in the custom portrait. I'd love to take it on. Just so "
    "you know, I don't do endless revisions like the last person you apparently used. Two rounds "
    "and then it's final.",
    "Good evening, and thank you for letting us know. We have reviewed the tracking and the "
    "parcel was delivered. We won't be investigating further. We wish you all the best. Have a "
    "blessed day.",
    "Hi Lauren, thanks for your message. I can hear you're upset. I've reread your order and the "
    "notes you left, and I followed them exactly. I'll gladly talk it through, but I won't be "
    "spoken to like that again.",
    "Hey, thanks for the follow-up! Just so we're on the same page, the 'small dent' in your "
    "photo is the handle. It's supposed to curve like that. Hope that clears it up.",
    "Thank you for your message, it's much appreciated. I'm afraid I must point out, once again, "
    "that this is a made-to-order item with a four-week lead time. It has been nine days. I look "
    "forward to not hearing from you until it arrives.",
    "Hello, thanks for the detailed note. I've read it twice. I'll be honest, I think you're "
    "looking for something to complain about. But I've sent a replacement anyway, so let's "
    "leave it there.",
    "Hi Fatima, thank you for your lovely order. I've included a care guide in the box. Please "
    "read it this time, so we don't end up here again.",
    "Hi, thanks for your patience while I sorted this out. The new zip has been fitted and your "
    "bag is on its way back to you. For the record, zips don't break on their own.",
    "Thanks for reaching out, and I'm sorry for any inconvenience. Unfortunately, since you "
    "chose the cheapest postage, there's no tracking and no insurance. That was your call. I "
    "can't do anything more.",
    "Hi Ben, hope your week's going well! Quick one: I've noticed you opened a dispute before "
    "sending me a single message. That's not really how decent people do things, but I've "
    "answered it anyway.",
    # more three-to-five-sentence and longer replies
    "I've checked the photos you sent. That's a fingerprint, not a flaw. A quick wipe and "
    "it'll be fine.",
    "You asked for express, so I sent express. It's not my fault the bank holiday got in the "
    "way. Calendars exist.",
    "I'm not going to keep arguing about this. The shoes were worn outside, the soles prove "
    "it. Partial refund or nothing.",
    "Yes I got your eleven messages. No I haven't had time to read them all. I'll get to them "
    "when I get to them.",
    "Sorry, but 'it just doesn't feel right' isn't a fault. I can't refund on vibes.",
    "You clearly sat on it. The frame doesn't bend like that by itself. Nice try though.",
    "Okay, let's be honest here. You wore it to the wedding and now you want your money back. "
    "That's not a return, that's a rental.",
    "This is the second time you've claimed a missing item. Both times the weight at the post "
    "office matched a full parcel. Draw your own conclusions.",
    "Of course it's itchy, it's pure wool. The listing says pure wool. What were you expecting, "
    "silk?",
    "Right. You want it faster, cheaper, bigger and in a colour I don't make. Anything else?",
    "I'm not sure why you think shouting in capitals will help. It won't. The order ships Friday.",
    "I've been more than patient with you. At this point I'm just going to refund you and "
    "move on with my life.",
    "Please don't tell me how to run my business. I've been doing this a lot longer than you've "
    "been shopping online.",
    "It's called handmade for a reason. If you want every stitch identical, buy from a factory. "
    "There are plenty.",
    "So the parcel says delivered, the photo shows your door, and you still say it's not "
    "there. Have you asked whoever else lives with you?",
    "Your review says I never replied. I replied within the hour. I'll be posting the "
    "screenshots under it so people can see for themselves.",
    "I refunded you last week. Check your bank before you accuse me of keeping your money.",
    "Clearly you've never bought vintage before. Marks and wear are part of the charm. Maybe "
    "stick to new things.",
    "I don't appreciate being called a liar. I'll send the replacement, but after this, please "
    "don't buy from me again.",
    "You want a discount because the box was a bit squashed? The item inside is fine. The box "
    "isn't what you paid for.",
    "I did mention the delay on the shop banner, the listing and the order confirmation. I "
    "don't know where else to put it. Maybe a billboard?",
    "If you had told me it was for a gift before ordering, I could have helped. You didn't. So "
    "now it's a bit late.",
    "Let me get this straight. You washed it, dried it on high, ironed it, and now it's "
    "shrunk. And you think that's my fault?",
    "I'm honestly tired of buyers like you who think a small shop should behave like a "
    "warehouse. I don't have a customer services team. I have me.",
    "The mould on the soap is because you kept it in a wet dish for a month. Dry it between "
    "uses. That's basic.",
    "I'll refund you, but I want you to know this is costing me more than you paid. I hope "
    "you're happy with yourself.",
    "The dimensions are in the title, the description and the fourth photo. How you missed all "
    "three is honestly impressive.",
    "You asked me for my honest opinion on the colour and I gave it. Now you're upset. Maybe "
    "don't ask next time.",
    "Thanks for the message. I've read it. I disagree with almost all of it, but thanks.",
    "I'm not obliged to refund a change of mind after 14 days, and I'm not going to. Please "
    "don't ask again.",
    "Good morning! Your order has been posted. Before you ask, no, I can't tell you the exact "
    "time it'll arrive, I'm not psychic.",
    "Hi, thanks for the order. Just so you know, I don't respond to messages at the weekend, "
    "so please don't send six on Saturday like last time.",
    "Hello! Lovely to hear from you. I'm sorry the bag isn't to your taste, although it does "
    "look exactly like the photos. Returns are at your expense, as they should be.",
    "Hi Jess, thanks for the photo. I'm sure it's very upsetting. It does look like the kind "
    "of crack you get from dropping something, but I'm sure that didn't happen. Send it back "
    "and I'll inspect it.",
    "Thanks for your message. I'm sorry you've had a tough week. That doesn't change the return "
    "window, though, which ended on Monday.",
    "Hi there! Happy to help as always. As I said in my last three messages, the tracking "
    "number is in your dispatch email. Please look there before messaging again.",
    "Hi Carl, I understand. I really do. But you ordered it, you opened it, you used it, and "
    "now you don't want it. I'm not a library.",
    "Hello, thanks for getting in touch. Your order is being made. It's a four-week wait, which "
    "you agreed to. Messaging me every day doesn't make glue dry faster.",
    "Hi Nadia, I hope you're well. I've looked into your complaint. The stitching you've "
    "circled is a deliberate design feature, which I'd have thought was obvious. I'll leave it "
    "with you.",
    "Thanks for the feedback! It's always interesting to hear what people think. Three stars "
    "for a bag you've used every day for a year is certainly an opinion.",
    "Hi Paul, thanks for your message. I've refunded the postage. I don't normally do that "
    "for people who leave reviews before contacting me, but there we are.",
    "Hey, sorry, I've been swamped. Honestly I'm not going to chase the courier over a £5 "
    "parcel, it's not worth my time. Just wait a few more days.",
    "Hi Anna, thank you for your patience. I know you're keen to get your order. So am I, "
    "believe me, so I can stop getting messages about it.",
    "I completely understand your frustration, I do. But it's a bit rich to demand free "
    "express delivery because you forgot to order in time for the birthday.",
    "Hello, thank you for your enquiry. As you'll see from the listing, which I'd encourage "
    "you to actually read this time, the lamp is 40cm tall. Best wishes.",
    # long, mostly polite, with a barb
    "Hi Sarah, thank you for your message. I've looked at your order and the tracking. The "
    "parcel was delivered on Wednesday at 10:42 and signed for by 'S. Lowe'. I've attached the "
    "signature image. I'm happy to open a claim with the carrier if you really didn't sign for "
    "it. I would gently point out, though, that it looks a lot like your handwriting.",
    "Hello Ian, thanks for getting back to me. I've refunded the £12 for the missing bookends. "
    "It should appear in a few days. I've also added a note to your order so it doesn't happen "
    "again. I hope the rest of the set is what you wanted. I must say, this is the first time "
    "in six years anyone has told me I forgot half an order, so forgive my surprise.",
    "Good afternoon, and thank you for contacting us about your order. We've reviewed the "
    "photos and the packaging. The item appears to have been used for several weeks. We are "
    "therefore unable to offer a refund. We appreciate your custom. We'd also appreciate "
    "honesty.",
    "Hi Mia, thanks so much for your patience! Your order is finished and will ship on Monday. "
    "I've added some extra tissue paper and a little thank-you card. I really hope you love it. "
    "Please do remember, though, that I'm a person and not a chatbot, so messages at 3am "
    "demanding an update aren't especially pleasant to wake up to.",
    "Hello, thank you for your long email. I've read it carefully. I understand you feel the "
    "cushion is smaller than advertised. I measured the one you bought before sending it and "
    "it was 45 by 45cm, exactly as listed. I've attached the photo with the tape measure. I'd "
    "suggest measuring it properly before writing another email like that.",
    "Hi Greg, thank you for your order and for your questions. The table is solid oak. It does "
    "need oiling every few months, as the care guide explains. The marks you've described are "
    "water rings from glasses without coasters. I'm sure you'll agree that's hardly a "
    "manufacturing defect. Happy to send a care kit at cost.",
    "Dear Ms Adeyemi, thank you for taking the time to write. I'm sorry you're not happy with "
    "the colour of the throw. I took the photos in natural daylight and didn't edit them. The "
    "shade you received is the same one shown. I'm happy to accept a return at your cost within "
    "the 14 days. I can't help it if your screen shows things differently.",
    "Hey Luke! Thanks for letting me know the speaker arrived. Glad it got there in time. About "
    "the sound quality: it's a £20 Bluetooth speaker, so it's not going to sound like a concert "
    "hall. I'd suggest adjusting your expectations rather than the volume.",
    "Hi Olivia, I hope you had a lovely weekend. I've been through your order and messages. "
    "I've offered a replacement, a refund and a discount, and you've turned down all three. I "
    "genuinely don't know what else you want. At this point I'll leave it to the marketplace "
    "to decide.",
    "Good morning Mr Harris, thank you for the photos of the bench. I'm sorry it's not what you "
    "expected. It's reclaimed scaffold board, so knots, nail holes and marks are expected, as "
    "described in the first line of the listing. It's been treated and is perfectly sound. I "
    "won't be refunding you for the wood looking like wood.",
    "Hi Emily, thanks for getting in touch, and congratulations on the engagement! I've checked "
    "your order, and the ring was sent in a size L, which is what you selected. I'm happy to "
    "resize it for £15 plus postage. I do recommend getting measured at a jeweller before "
    "ordering, which it says on the listing, but I understand people like to guess.",
    "Hello Jack, thanks for your message and the video. I can see the drawer sticks a little. "
    "I'm sorry about that. A bit of candle wax on the runners usually does the trick. Please "
    "try that before opening a case, as the last one you opened took me two weeks to close for "
    "no reason.",
    "Hi Kate, thank you for your order last month. I've had a look at the review you left. "
    "I'm sorry the delivery was late. I did warn about the postal strike, and I did refund "
    "your shipping. I'd be grateful if you'd consider that before giving one star to a shop "
    "that did everything it could.",
    "Hi there, thanks for reaching out about your refund. I processed it on the day your return "
    "arrived. Banks usually take three to five working days. It's been two. I'm sure you'll "
    "understand that I can't make your bank work faster, however many times you ask.",
    "Hello Tanya, thank you for your message. I understand you'd like a refund on the "
    "personalised notebook. Personalised items can't be returned unless faulty, which is "
    "stated on the listing and at checkout. I'm sorry it's not what you want to hear. That "
    "said, you did approve the proof, so I'm not quite sure what went wrong on your end.",
    "Hi Will, I hope you're keeping well. I've dispatched your replacement today with tracked "
    "delivery. It should arrive by Tuesday. I've also included a prepaid envelope for the "
    "original. Please use it this time, rather than telling me you've 'lost' it like before.",
    "Thanks for your email, Diane. I'm sorry to hear the plant arrived looking tired. Plants "
    "do droop after a few days in the dark. Give it some water and a sunny spot, and it should "
    "perk up within a day or two. It's a living thing, not a plastic ornament, so a little "
    "patience goes a long way.",
    "Hi, thank you for your message about the earrings. I've checked, and they're hypoallergenic "
    "surgical steel, as listed. It's very unusual for anyone to react to them. I'd suggest "
    "seeing a doctor about your ears rather than blaming the earrings. I hope they feel better "
    "soon.",
    "Hello again Chris! Thanks for the update on your parcel. I can see it's been scanned in "
    "Birmingham today, so it's on its way. It should be with you tomorrow or Thursday. I'll "
    "keep an eye on it. By the way, a simple 'thanks' now and then wouldn't go amiss.",
    "Hi Lily, I'm sorry the hoodie isn't the fit you hoped. I've looked at your order and the "
    "size chart. You ordered an extra small, and you've told me you normally wear a large. I'm "
    "happy to exchange it at your cost. I'm just not sure why anyone would order three sizes "
    "down and expect it to fit.",
    "Dear customer, thank you for your patience while we looked into your complaint. We have "
    "spoken to the courier and reviewed the delivery photo. We are satisfied the order was "
    "delivered correctly. We won't be offering a refund. Any further messages on this subject "
    "will not receive a reply. Have a lovely day.",
    "Hi Jon, thanks for your order of the leather belt, and for the photos of the buckle. I'm "
    "sorry it's scratched. I'll send a new buckle this week, and it's easy to swap over. There "
    "are instructions on my website. I know reading isn't everyone's favourite thing, so I've "
    "made a video too.",
    "Hello Beth, thank you for your message about the delay. I know waiting is hard. I've had "
    "a lot of orders this month, and I've been working until midnight most days to keep up. "
    "Your order will be posted on Friday. I'd have thought a little understanding might be in "
    "order, but clearly not everyone sees it that way.",
    "Hi Max, thanks for the review, I appreciate you taking the time. I'm sorry you found the "
    "mug too heavy. It's stoneware, so it has some heft. It's described as 'chunky' in the "
    "listing, but I suppose some words mean different things to different people.",
    "Good evening, thank you for your message. I'm sorry the parcel took longer than expected. "
    "International post can be unpredictable, and customs are outside my control. I did "
    "include the estimated times on the listing. I'd be happy to help with anything else, but "
    "please don't blame me for your own country's customs office.",
]

#: Kind, professional drafts that must not be flagged.
WARM_DEV5: list[str] = [
    # damaged items
    "I'm so sorry the vase arrived broken. I'll send a new one out tomorrow.",
    "Oh no, I'm really sorry about the chipped mug. A replacement is on its way, no need to "
    "send the broken one back.",
    "Thank you for the photo, that's clearly transit damage. I've refunded you in full and "
    "you're welcome to keep the pieces for mosaic if you like!",
    "That's really disappointing, and I'm sorry. Could you send a quick photo of the box as "
    "well? It helps me claim from the courier, but your replacement is going out regardless.",
    "So sorry the lid was dented. I've popped a new tin in the post today with tracking. "
    "Please keep the first one, it's no use to me.",
    "I'm sorry your lampshade arrived squashed. Would you prefer a replacement or a refund? "
    "Either is absolutely fine with me.",
    "Thanks for letting me know so quickly. I'm sorry the ceramic planter was damaged. I've "
    "issued a full refund of £28 and I'd love to send a replacement too if you'd still like one.",
    # late
    "I'm sorry your order is running late. I've checked the tracking and it's moving again, "
    "expected on Friday.",
    "Apologies for the delay, this one's entirely on me. I fell behind after a week off sick. "
    "Your scarf is finished and goes out today by first class.",
    "I'm really sorry the parcel hasn't arrived yet. The carrier says it's been held at the "
    "sorting office in Leeds. I've raised a query with them and I'll update you tomorrow.",
    "Thank you for your patience, I know it's been longer than we both hoped. If it hasn't "
    "arrived by Monday, I'll send a replacement or refund you, whichever you prefer.",
    # wrong item
    "I'm so sorry, I sent you the forest green instead of the navy. The navy one goes out "
    "today, and here's a prepaid label for the green.",
    "Oops, that's my mistake! Two orders were packed side by side and I swapped the labels. "
    "I'm sending the correct print now and you can keep the other one.",
    # lost
    "I'm really sorry, the tracking hasn't updated in eight days, so I'm treating this parcel "
    "as lost. A replacement is being posted today.",
    "Thank you for checking with your neighbours. Since it still hasn't turned up, I've issued "
    "a full refund. I'm sorry for the trouble.",
    "The carrier says the parcel was delivered, but I believe you that it isn't there. I've "
    "opened a claim with them and I'll send a replacement in the meantime.",
    "I'm sorry it's gone missing. It happens occasionally and it's never the buyer's fault. "
    "Would you like a reship or a refund?",
    # faulty
    "I'm sorry the fairy lights stopped working after two days. That shouldn't happen. I'll "
    "post a new set today.",
    "Thanks for testing it with fresh batteries, that's really helpful. It sounds like a faulty "
    "switch. Refund or replacement, your choice.",
    "I'm sorry the zip broke. That's not the quality I aim for. Send the bag back with the "
    "free label I've attached and I'll repair it or refund you.",
    # incomplete
    "I'm so sorry, the second earring must have slipped out during packing. It's in the post "
    "to you now.",
    # firm but kind refusals
    "I'm afraid the return window closed on the 14th, so I can't accept a return. I'd be happy "
    "to offer 15% off your next order instead.",
    "Unfortunately personalised items can't be returned, as I can't resell them with a name "
    "on. I completely understand the disappointment though. If anything is faulty, I'll of "
    "course put it right.",
    "I'm sorry, for hygiene reasons I can't take back pierced earrings. If the hooks are "
    "irritating your ears, I can send some hypoallergenic ones for free.",
    "I'm afraid I can't accept returns on items that have been worn, but I'd love to help you "
    "find a fit that works. Could you tell me what feels off?",
    "This was a final sale item, so I'm not able to refund it. I know that's not what you were "
    "hoping to hear. If you'd like, I can help you sell it on by sending you the original "
    "photos.",
    "Custom commissions are non-refundable once work has started, as the materials are cut to "
    "order. I'm happy to adjust the design within reason, so please tell me what you'd change.",
    "Unfortunately I can't do exchanges on lingerie for hygiene reasons. I'm sorry. I've "
    "attached the size chart in case it helps with a future order.",
    "I'm afraid the item was marked as used when it came back, so I can only offer a partial "
    "refund. I've explained how I worked it out below, and I'm happy to talk it through.",
    # boundaries
    "I understand you're upset and I want to help. I'd ask that we keep the conversation "
    "respectful so I can sort this out for you.",
    "I'm not able to continue the conversation if the language stays like this. When you're "
    "ready, I'm happy to help with the refund.",
    "I hear you, and I'm sorry this has been stressful. I've done what I can on my side. If "
    "you'd like a second opinion, the marketplace's resolution centre can review it.",
    "I know this has been frustrating. I can't offer a full refund plus a replacement, but I "
    "can offer either one, whichever helps you most.",
    "I appreciate you telling me how you feel. I've reread everything, and I'm confident the "
    "fairest option is a full refund on return. I hope that's acceptable.",
    # neutral carrier/tracking/policy
    "The carrier says the parcel was left with a neighbour at number 12. Could you check with "
    "them? If it's not there, let me know and I'll sort it.",
    "Unfortunately the courier won't investigate until five working days have passed. I'll "
    "chase them on Thursday and keep you posted.",
    "Honestly, I'm as puzzled as you are by the tracking. It's showing 'in transit' in two "
    "countries at once! I've asked the post office for help.",
    "Just so you know, under the marketplace rules I'm asked to wait for delivery confirmation "
    "before refunding. I'll refund as soon as it shows, I promise.",
    "My returns policy is 30 days from delivery, and you're well within it, so please go ahead. "
    "Here's the address.",
    "As mentioned in my earlier message, the refund went through on Tuesday. Banks can take up "
    "to five days, so it should appear by Monday. Do let me know if it doesn't.",
    # asking for photo/details kindly
    "I'm sorry to hear that. Could you send me a photo of the damage when you get a moment? "
    "It just helps me work out what happened.",
    "Would you mind sending a photo of the label on the box? I'd like to check the address "
    "details with the courier.",
    "Could you measure the width of the strap for me? I'd like to check it against my records. "
    "No rush at all.",
    "No need for any proof, I trust you. But if you do have a photo, it helps me claim from the "
    "carrier.",
    # change-of-mind returns
    "Of course you can return it! As it's a change of mind, return postage is on you, but I'll "
    "refund the item in full as soon as it arrives.",
    "No problem at all. Returns for change of mind are welcome within 30 days. The buyer covers "
    "the return postage, and I refund the item and original shipping.",
    "That's absolutely fine. If you post it back tracked, I'll refund the full £42 when it "
    "arrives. I'm sorry it wasn't quite right for you.",
    # proactive: order confirmation
    "Thank you so much for your order! I'll have it packed and posted by Thursday.",
    "Hi Ellie, thanks for ordering the brass candle holders. They're in stock and will go out "
    "tomorrow morning.",
    "Your order is confirmed! I make everything to order, so it'll be ready in about a week. "
    "I'll message you when it ships.",
    "Thanks for your order, Marcus! Just confirming it's the walnut finish you're after, "
    "not the oak? The order says walnut, but I like to double-check.",
    "Order received, thank you! I've noted your request for no invoice in the parcel as it's a "
    "gift.",
    "Thanks for choosing our little shop. Your tea sampler is being packed today.",
    "Hello and welcome! Your first order with us is confirmed. I've popped a small welcome "
    "note in the box.",
    # shipped
    "Good news, your parcel is on its way! Tracking number is in the dispatch email.",
    "Your cushion covers went out this morning by Royal Mail Tracked 48. They should be with "
    "you on Tuesday.",
    "Just to let you know, your order has shipped! It's going by USPS Priority, so it should "
    "arrive in two to three days.",
    "Posted today! I've wrapped the glass baubles in lots of tissue, so they should travel safely.",
    "Hi Nora, your rug shipped via DPD this afternoon. You'll get a one-hour delivery window "
    "by text on the day.",
    "Your order's on its way. I've included a spare button for the cardigan, just in case.",
    "The prints have shipped in a rigid envelope. The tracking should update tonight.",
    # dispatch delay
    "Just a heads-up that your order will ship on Monday rather than Friday. The glaze needs "
    "an extra firing. Sorry for the short delay.",
    "I wanted to let you know before you wondered: my supplier is out of the blue linen, so "
    "your apron will be a few days later than planned. I'll keep you updated.",
    "Quick note to say I'm running about three days behind this week after a family "
    "emergency. Your order is next in line and I'll post it by Wednesday.",
    "A small delay, I'm afraid. The courier hasn't collected today, so your parcel will go "
    "tomorrow instead. Thanks for bearing with me.",
    "Hi Grace, I'm sorry to say the engraving machine is being repaired, so your pendant will "
    "be posted on the 19th rather than the 15th. If that doesn't work for you, I'm happy to "
    "cancel with a full refund.",
    # check-in after delivery
    "Hi! The tracking says your order arrived yesterday. I hope everything's just as you wanted.",
    "Just checking in to see how you're getting on with the sourdough starter kit. Any "
    "questions, just ask.",
    "Hope the blanket arrived safely and is keeping you cosy!",
    "Hi Dev, I wanted to check the desk arrived in one piece. Assembly can be fiddly, so give "
    "me a shout if you get stuck.",
    "I hope the plant survived the journey! Give it a day or two to settle before moving it "
    "into the sun.",
    "How did the party go? I hope the bunting was a hit.",
    # thank-you
    "Thank you for being such a loyal customer. This is your tenth order, which honestly made "
    "my day.",
    "Thanks so much for the photo of the quilt on your bed! It looks lovely there.",
    "Just wanted to say thank you for your kind message. It means a lot to a small shop like mine.",
    "Thank you for your patience with the custom order. I really enjoyed making it.",
    "Thanks for recommending us to your sister! I've added a little extra to her parcel.",
    # restock / back in stock
    "The speckled mugs you asked about are back in stock. I've reserved one for you until Sunday.",
    "Good news, the size 10 in the green dress is back! Here's the link.",
    "Just letting you know the oat colourway you wanted has been restocked. There are only a "
    "few, so I wanted you to hear first.",
    "The lemon verbena soap is finally back after a long curing time. Thanks for waiting!",
    "Your wishlist item, the small leather card holder, is available again.",
    "I've just restocked the beeswax wraps, including the large size you asked about last month.",
    # review request
    "If you have a moment, a review would really help my little shop. No pressure at all!",
    "I hope you're enjoying the necklace. If you'd like to leave a review, I'd be so grateful, "
    "but please only if you're happy to.",
    "When you get a chance, I'd love to hear what you think of the candle. Reviews help other "
    "buyers find me.",
    "Thanks again for your order! If anything isn't right, please message me before leaving a "
    "review so I can fix it. And if all is well, a review would be wonderful.",
    # holiday closure
    "Just a note that the shop will be closed from 23 December to 2 January. Orders placed in "
    "that time will be posted on the 3rd.",
    "I'm away on holiday next week, so replies may be slower than usual. Anything urgent, "
    "please mark it as such and I'll check in.",
    "Friendly reminder: the last posting date for Christmas delivery is Wednesday 18th.",
    "We're closed for the bank holiday on Monday. Orders will go out on Tuesday as normal.",
    "The workshop is closed over Thanksgiving. I'll be back answering messages on Monday the "
    "1st. Have a lovely holiday!",
    # custom proof
    "Here's the proof for your wedding sign! Please check the names and date carefully, and "
    "let me know if you'd like any changes before I cut it.",
    "I've attached a mock-up of the pet portrait. I've gone for the softer background you "
    "mentioned. Happy to tweak anything.",
    "The proof for your personalised stamp is ready. Once you approve it, I'll send it for "
    "production.",
    "Here's a photo of the ring before polishing, so you can see the engraving. Does the font "
    "look right to you?",
    "Attached is the colour proof for your invitations. Screens vary a bit, so I can post a "
    "printed sample if you'd prefer to see it in person.",
    # address confirmation
    "Just checking: your order has a different delivery address from your billing address. "
    "Is 7 Harbour View correct?",
    "The address you entered doesn't include a house number. Could you confirm it before I "
    "post? I'd hate for it to go astray.",
    "Before I ship, could you confirm the zip code? The one on the order seems to be for a "
    "different town.",
    "Your order is going to a PO box. The courier can't deliver there, so would you like me to "
    "use Royal Mail instead?",
    # gift note
    "I've added your gift note, 'Happy 40th, Lou!', in a little card. No prices in the box.",
    "Just confirming the gift message reads 'Congratulations on the new home'. Let me know if "
    "you want to change anything.",
    "I've gift wrapped the scarf in brown paper with a sprig of dried lavender, as you asked.",
    # preorder
    "A quick update on your preorder: the autumn collection is on track to ship on the 10th.",
    "Your preorder for the winter candle set is being poured this week. I'll post them all "
    "together on Friday.",
    "Good news, the preorder books have arrived from the printer and will be signed and posted "
    "this weekend.",
    "An update on the preorder: the fabric arrived a week late, so the dresses will ship on "
    "the 22nd instead of the 15th. I'm sorry for the wait, and happy to refund if you'd "
    "rather not.",
    # other proactive
    "Just a quick note to say I've upgraded your shipping to first class at no extra cost.",
    "I noticed you ordered the same print twice. Was that on purpose? If not, I'll cancel one "
    "and refund you.",
    "Hi! I saw you bought the plant pot without a saucer. They're sold separately, so I wanted "
    "to mention it in case you'd like one added before I post.",
    "Your refund for the cancelled item has been processed. You should see it within three to "
    "five working days.",
    "Just so you know, the listing for the tote bag has been updated with clearer "
    "measurements. Thanks for your question, it helped.",
    "I've added a care card to your parcel, as linen softens nicely with a few washes.",
    "Hope you had a wonderful birthday! Here's 10% off if you fancy a treat for yourself.",
    "I wanted to let you know the colour of the batch you ordered is slightly warmer than the "
    "photo. I've attached a photo taken in daylight so you can decide if you'd still like it.",
    # overlapping words used kindly
    "I've updated the listing so the size is clearer. Thank you for pointing it out, you're "
    "right that it was confusing.",
    "As mentioned, I'm happy to swap it. Just let me know which colour you'd like instead.",
    "If you measure from shoulder to hem and send me the number, I'll tell you which size "
    "will fit best.",
    "Unfortunately that colour has sold out, but I can make one for you in about two weeks.",
    "Proof of postage is attached, just for your records. I'm still happy to help track it down.",
    "I've reported the missing parcel to the courier and I'm sending a replacement today.",
    "The policy says 14 days, but you've been so patient that I'm happy to accept the return "
    "anyway.",
    "You were right, the listing said cotton and it's actually a cotton blend. I've corrected "
    "it and refunded 20% for the confusion.",
    "As I mentioned on the phone, the refund has gone through. Let me know if it doesn't "
    "appear by Friday.",
    "I'd gently suggest measuring your favourite jumper and comparing it with the chart. It's "
    "the most reliable way I've found.",
    "I completely understand. Unfortunately, I'm not able to ship to that country yet, but I'm "
    "working on it.",
    "I'm afraid I don't have proof of delivery for untracked post, which is why I'm just going "
    "to refund you. That seems fairest.",
    "Our policy is to refund within 48 hours of receiving a return, and yours came in this "
    "morning, so you'll see it soon.",
    "You're not the first to say the listing photos are a bit dark, so thank you. I'm "
    "reshooting them this weekend.",
    "I report every lost parcel to the carrier, so please don't feel bad for asking. Let's "
    "get it sorted.",
    "The photo you sent really helps. That's definitely a faulty seam. I'll post a new one "
    "tomorrow.",
    # more apologies and fixes
    "I feel terrible that the card arrived creased, especially as it was for a wedding. A new "
    "one is going out first class, free of charge.",
    "I'm so sorry the colour ran in the wash. That shouldn't happen with the dye I use. Please "
    "send me a photo and I'll replace it.",
    "You're absolutely right, and I apologise. The listing should have mentioned the bowl isn't "
    "microwave safe. Would a refund help?",
    "I'm sorry the stand wobbles. I'll send some felt pads and a spare leg. If that doesn't "
    "fix it, I'll refund you.",
    "I'm so sorry, I completely missed your message last week. That's not like me. Here's what "
    "I can do to put it right.",
    "The mistake is mine. I misread the engraving request. I'm remaking it with the correct "
    "spelling and it'll go out on Thursday.",
    "Thanks so much for letting me know rather than just leaving a review. I really appreciate "
    "the chance to fix it.",
    "Gosh, I'm sorry, the charger shouldn't get hot like that. Please stop using it. I'll "
    "refund you in full and you don't need to send it back.",
    "I'm sorry it doesn't fit. Returns are free for sizing issues, so here's a label.",
    # firm but kind refusals with reason, more
    "I'm sorry, I can't send a replacement before the original comes back, because the "
    "marketplace rules require it. As soon as it arrives, I'll post the new one the same day.",
    "I understand why you'd like a refund. I'm afraid I can't refund personalised cake toppers "
    "unless there's a fault, but I'd be glad to make a new one at half price.",
    "Unfortunately I'm unable to accept returns after 30 days. If the jacket develops a fault, "
    "though, it's covered for a year, so please do get in touch.",
    "I'm afraid we can't take back opened skincare, for everyone's safety. I can send a few "
    "samples of the gentler range if your skin didn't get on with this one.",
    "I'm sorry, but because the mattress topper has been used, I'm not able to resell it. What "
    "I can offer is a 25% refund to go towards something that suits you better.",
    # boundaries, more
    "I understand you're angry, and that's fair. I'd like to help, and I can do that best if "
    "we keep things calm.",
    "I've answered all the questions I can. If you'd like to escalate, you're welcome to open "
    "a case, and I'll cooperate fully.",
    "I'm sorry, I can't offer more than a full refund. I know it's not the outcome you wanted, "
    "but I hope it helps.",
    "I'm not able to respond to messages sent to my personal account. Please message the shop, "
    "and I'll reply there today.",
    # change-of-mind, postage
    "Of course, returns are fine. Just a note that I can only refund the original postage if "
    "the item was faulty, but the full item price will come back to you.",
    "It's absolutely fine to change your mind. Pop it in the post within 14 days and I'll "
    "refund you as soon as it arrives.",
    # longer warm ones
    "Hi Hannah, thank you so much for your message, and I'm really sorry the teapot arrived "
    "cracked. That's so disappointing, especially as it was a present. I've already posted a "
    "replacement with extra padding, and it should arrive on Thursday. You don't need to send "
    "the broken one back. If it's easier, I can also refund you straight away. Just let me know "
    "which you'd prefer.",
    "Hello Mr Patel, thanks for getting in touch. I've checked your order and I'm afraid the "
    "return window closed last week. I know that's frustrating. Because you've been a customer "
    "for a while, I'd like to offer a 20% credit towards anything else in the shop. I hope "
    "that helps a little, and thank you for your understanding.",
    "Hi Josh, I'm sorry the parcel hasn't turned up. The tracking shows it was scanned at the "
    "delivery office on Monday and nothing since. I've opened a claim with the carrier, but "
    "you shouldn't have to wait for that. I'm sending a replacement today by tracked post. If "
    "the first one does appear, feel free to keep it or pass it on.",
    "Hi Amelia, I completely understand, and thank you for being so honest. The dress just "
    "didn't suit you, which happens to everyone. Returns for change of mind are accepted within "
    "30 days. Return postage is the buyer's responsibility, but I'll refund the dress and the "
    "original shipping as soon as it's back with me. I hope you find something you love.",
    "Hello, and thank you for reaching out. I can see you're upset, and I'm sorry. I've read "
    "your messages carefully. I can't offer a refund while keeping the item, but I can refund "
    "you in full once it's returned, and I'll pay for the return label. I hope that seems fair. "
    "I'll keep an eye out for your reply.",
    "Hi Chloe, here's an update on your custom sign. The wood has been cut and sanded, and I'm "
    "starting the lettering tomorrow. I've attached a photo so you can see progress. It should "
    "be ready to post on Friday, just in time for the party. Let me know if anything changes.",
    "Hi Omar, just a note to say thank you for your order of the olive wood board. I oiled it "
    "this morning, so it's ready to use. It'll be posted on Tuesday with tracking. Please "
    "avoid the dishwasher, as it'll crack the wood. Enjoy it!",
    "Hi Sophie, I hope you're well. I wanted to let you know the proofs for your wedding "
    "invitations are attached. Please check the spellings of both names, the venue and the "
    "date. Once you've approved them, I'll send them to print and they'll be with you within "
    "ten days. Take all the time you need.",
    "Hi Liam, I'm sorry to hear the boots are rubbing. New leather does take a little time to "
    "soften, so I'd suggest wearing them around the house for a few evenings. If they're still "
    "uncomfortable after a week, I'm happy to exchange them for a half size up. I'll cover "
    "postage both ways.",
    "Hi Ruth, I've received your return and I'm sorry the jumper wasn't right. I've checked it "
    "over and it's in perfect condition, so I've refunded the full £55 this morning. It "
    "usually takes three to five days to appear. Thank you for shopping with me, and I hope to "
    "see you again.",
    "Good morning Karen, thank you for your patience. I know you've been waiting a while for a "
    "reply, and I'm sorry. I've looked into the tracking, and the carrier says the parcel was "
    "returned to me as undeliverable. It looks like the postcode was missing a letter. No "
    "problem at all, I'll resend it today at my cost. Could you just confirm the full postcode "
    "for me?",
    "Hello again, I just wanted to follow up on the refund. It went through on Wednesday, and "
    "your bank should show it by Monday at the latest. I know it's been a long process, and I "
    "appreciate your patience throughout. If it hasn't appeared by then, let me know and I'll "
    "chase the payment provider myself.",
    "Hi Leo, thank you for the photos, they're really clear. I can see the scratch along the "
    "side of the frame. I'm sorry about that, it must have happened in the warehouse. I'll "
    "send a new frame out today, and you're welcome to keep the old one or recycle it. Thanks "
    "for letting me put it right.",
    "Hi Zara, I'm sorry you've had a bad experience, and thank you for telling me. I can't "
    "reverse a review on your behalf, of course, and I wouldn't ask you to. I'd just like to "
    "fix the problem. A new set of coasters is on its way, and I've refunded your shipping.",
    "Hello Mrs Greene, I'm sorry, I know the delay has been a worry. Our supplier is running "
    "late with the glass, and I didn't want to rush the work. Your lamp should be finished on "
    "the 28th. If you need it before then, I can refund you in full today, no hard feelings "
    "at all.",
    "Hi Ivy, thanks so much for your message, it really made my week. I'm so pleased the baby "
    "blanket arrived in time for the shower. If you ever want a matching hat, just say the "
    "word. Congratulations to your friend!",
    "Hi there, I'm sorry the rug is a different shade from what you expected. I've looked back "
    "at the listing, and I can see the photo was taken in very warm light, so that's on me. "
    "I'm happy to take it back at my cost or give you a 30% refund if you'd like to keep it. "
    "Whichever suits you.",
    "Hi Ana, thank you for letting me know about the missing beads. I've counted the next "
    "batch and popped twenty extra in an envelope for you. It should arrive on Saturday. "
    "Sorry for the trouble, and I hope the bracelet comes together beautifully.",
    "Hi Felix, I understand your frustration and I'm sorry things have gone this way. I'm not "
    "able to offer the discount you've asked for, as the price already covers my costs. What I "
    "can do is include free express postage on your next order. I hope that helps.",
    "Hello, thanks so much for getting in touch about your order. I've checked everything, and "
    "it looks like the courier scanned the parcel at the wrong depot. They say it'll be with "
    "you by Wednesday. I've asked them to prioritise it, and I'll keep an eye on it for you. "
    "Thanks for your patience.",
    "Hi Noah, I'm so sorry, you're right that the cufflinks are tarnishing. They shouldn't do "
    "that so soon. Please send them back in the envelope I'm posting today, and I'll replace "
    "them with sterling silver ones at no extra cost.",
    "Hi Bea, I've just had a look at your order and noticed the size you picked is running out. "
    "I've set one aside for you. It'll be posted tomorrow. Thanks for shopping with me, and "
    "enjoy!",
    "Hi there, just checking you received the replacement candle we sent last week. I hope it "
    "arrived in one piece this time! If there's anything else, please don't hesitate to ask.",
    "Hello Claire, thank you for asking before buying. The jacket is cut quite generously, so "
    "most people size down. If you send me your chest measurement, I'll recommend a size. And "
    "if it's not right when it arrives, exchanges are free.",
    "Hi Ollie, thank you for explaining what happened. I'm sorry the speaker arrived without a "
    "charging cable. That's my packing error. I've posted one today with a little note. It "
    "should be with you on Friday.",
    "Hi Martha, just to let you know I've received your custom order details. I'll send you a "
    "sketch by Tuesday for approval before I start. There's no charge for changes at the sketch "
    "stage, so please be as picky as you like!",
    "Hi! Just a gentle reminder that your parcel is waiting at the post office for collection. "
    "They'll hold it until Saturday, and you'll need some photo ID.",
    "Hello, and thank you for your message. I understand the frustration with the carrier, and "
    "I'm sorry. They've told me the parcel is on its way back to me. As soon as it lands, I'll "
    "post it straight back out, free of charge.",
    "Hi Rosa, your sample swatches are in the post today. Take your time choosing. When you're "
    "ready, just reply with the colour code and I'll start on the curtains.",
    "Thanks for your order! Just so you know, the mugs are dishwasher safe but not microwave "
    "safe. I'll include a little care card. Enjoy your coffee!",
    "Hi Pete, sorry for the slow reply. I was at a craft fair all weekend. I've refunded your "
    "order in full as requested.",
    "I'm so sorry, I know this is your third message. I should have replied sooner. Your order "
    "was posted on Friday and the tracking shows it arriving tomorrow.",
    # more mixed replies
    "Good question! The chain is 45cm, with a 5cm extender.",
    "I'm afraid I don't make that style any more, but the Fern necklace is very similar.",
    "Honestly, I'd recommend the medium. The small runs tight across the shoulders.",
    "Thanks for flagging it. You're right, the photo shows the wrong handle. I'll fix the "
    "listing today.",
    "Unfortunately the courier damaged the box, but the plates inside survived. I've checked "
    "every one before sending.",
    "If you're not sure about the colour, I'm happy to post a fabric swatch for free first.",
    "I've asked the post office to return the parcel to me so I can resend it to the right "
    "address. Don't worry, there's no charge.",
    "Your exchange has arrived and the new size is on its way to you. Thanks for your patience!",
    "I know it's a nuisance, but could you check the spam folder for the tracking email? If "
    "it's not there, I'll resend it.",
    "Just to reassure you, the parcel is insured, so you won't lose out whatever happens.",
    "I'm so sorry, I'll never get your name wrong again! The corrected card is in the post.",
    "Sadly the pattern was a limited run and it's all gone. I'd be glad to let you know if it "
    "ever comes back.",
    "I understand completely, and there's no need to apologise. These things happen.",
    "You're very welcome, and thank you for the lovely review!",
    "Happy to help! I've sent the assembly video to your email as well.",
    "I'm sorry you had to chase. I've set up a reminder so it doesn't happen again, and your "
    "order goes out today.",
    # more medium and long warm replies
    "Hi Gwen, thanks so much for your patience. I've checked with the courier and your parcel "
    "was sent to the wrong depot. They've promised it'll be with you on Thursday. If it isn't, "
    "I'll send a new one straight away.",
    "Hello, I'm sorry the soap bar cracked. Handmade soap can be a little brittle in cold "
    "weather. I'll send a replacement and wrap it more snugly. Thanks for your understanding.",
    "Hi Ravi, I'm afraid I can't accept a return on the engraved watch, as it's personalised. "
    "I'm really sorry it didn't work out. If the strap is the issue, I can swap it for a "
    "different size free of charge.",
    "Thanks for asking! The listing says 'approximately 20cm' because every bowl is thrown by "
    "hand. Yours measures 19.5cm. I hope that helps.",
    "Hi Tessa, as mentioned in the listing, the dye is plant-based, so the colour will soften "
    "over time. I think it's part of the charm, but if you'd prefer a brighter shade, I can "
    "suggest a couple of options.",
    "I'm sorry, I know it's disappointing. The marketplace asks that returns are opened within "
    "30 days, and this one is a little past that. I'd still like to help, so let me see if I "
    "can repair it for you.",
    "Hi Joe, thank you for reporting the problem with the website. I've fixed the checkout "
    "button, and I've applied your discount code manually. Sorry for the fuss!",
    "Hello Fiona, thank you for your message. I understand you'd like to cancel. The order has "
    "already been cut and stitched, so I'm not able to cancel it now. I'm sorry. I can offer "
    "to hold it for you until you're ready, or help you gift it to someone else.",
    "Hi Sunita, I'm so sorry the bangle is too small. Bangles are tricky to size online. If "
    "you measure the widest part of your hand, with your thumb tucked in, I can find you a "
    "better fit and swap it for free.",
    "Hi Jamie, just letting you know your refund of £18.40 has gone through this morning. I'm "
    "sorry again that the print wasn't right. I hope to see you back one day.",
    "Hello, and thank you for being honest about what happened. Accidents happen! I can't "
    "replace it for free, as the damage wasn't in transit, but I can offer a replacement at "
    "cost price.",
    "Hi Marta, I'm sorry for the confusion about the bundle. The listing photo shows three "
    "candles, but the price is for one. That's my fault for using a confusing photo. I've "
    "changed it, and I'm sending you the other two as a gift.",
    "Hi Daniel, I understand completely, and I'm sorry it's been such a hassle. The tracking "
    "shows the parcel is back at the sorting office. I've arranged for it to be redelivered "
    "tomorrow between 9 and 1. If that's no good, you can collect it from Baker Street.",
    "Hello! Thank you for your order of the jasmine candle. Just a heads-up that it's a "
    "strong scent, so I'd recommend burning it in a larger room. Any questions, just ask.",
    "Hi Eve, I'm so sorry your order was late for the party. That's really disappointing, and "
    "I feel awful. I've refunded your shipping and added a voucher for your next order. I hope "
    "the party was still lovely.",
    "Hi Aaron, thanks for your patience. I've looked into the faulty charger and it seems the "
    "whole batch had a loose connection. I've recalled them all. A new one is on its way to "
    "you, and please do dispose of the old one safely.",
    "Hi Lucy, I'm afraid I can't offer a refund for a change of mind on a final sale item. I "
    "know that's not ideal. What I can do is offer a swap for another item of the same price, "
    "if anything else catches your eye.",
    "Hello Ms Ward, thank you for your order. I'm afraid the green ink you asked for isn't "
    "available for foil printing. I can offer gold, silver or copper instead. Let me know "
    "which you'd like, and I'll send a new proof.",
    "Hi Theo, I'm sorry you're having trouble with the assembly. Step four is definitely the "
    "trickiest. I've recorded a short video to help. If you're still stuck, I'm happy to "
    "call you.",
    "Hi there, I'm so sorry about the wait. The parcel has been stuck in customs for a week "
    "now, which is really unusual. I've contacted the carrier twice and I'll chase them again "
    "tomorrow. If there's no movement by Friday, I'll refund you in full.",
    "Hi Yasmin, thank you for your message and the photos of your bathroom. The tiles you've "
    "chosen would look lovely, but I'm afraid they're not suitable for floors. I'd hate for "
    "them to crack, so can I suggest the matt range instead?",
    "Hi Owen, thanks for letting me know. I'm sorry the gloves are too big. Knitted gloves do "
    "stretch a little, so I'd always suggest sizing down. I'll swap them for the small and "
    "cover the postage this time.",
    "Hello Rachel, thank you for your order. I just wanted to check one thing before I start: "
    "you've asked for the name 'Isobel' on the blanket, but the personalisation box says "
    "'Isabel'. Which spelling would you like? I'd hate to get it wrong.",
    "Hi Ken, I'm sorry, but I'm unable to ship batteries by air, as it's against the carrier's "
    "rules. I can send them by road, which takes about five extra days. Is that OK?",
    "Hello and thank you for your enquiry. I'm afraid I don't offer wholesale prices at the "
    "moment. I'd be happy to let you know if that changes, and I can offer 10% off orders of "
    "ten or more.",
    "Hi Mina, I understand you're frustrated, and I'm sorry. I can see this has been going on "
    "for a while. Let me take it from here. I've refunded you in full, and you don't need to "
    "send anything back.",
    "Hi, thanks for your message. I'd love to help with a refund, but I'll need the item back "
    "first, because that's the marketplace's rule for returns. Here's a prepaid label. As soon "
    "as it's scanned, I'll refund you.",
    "Hi Sean, just a quick note to say your order is ready and will be posted tomorrow. I've "
    "also packed the spare buttons you asked for. Thanks so much for your order!",
    "Hello Mrs Lee, thank you for your lovely letter. I'm glad the tea set arrived safely and "
    "that your granddaughter loves it. I've included a care leaflet, but please get in touch "
    "if you have any questions at all.",
    "Hi Nell, I'm so sorry, I've been unwell this week and fell behind on messages. Your order "
    "is finished and I'll post it first thing tomorrow. Thank you for being so patient.",
    # long warm replies, five to eight sentences
    "Hi Alice, thank you for your message, and I'm so sorry about the broken teacups. I know "
    "how disappointing that is when you've been looking forward to something. I've packed a "
    "new set this morning with double boxing. It'll go out by tracked post today. There's no "
    "need to send the broken ones back. Please let me know when they arrive safely.",
    "Hello Mr Brooks, thank you for getting in touch. I've checked the tracking, and the "
    "carrier says your parcel was delivered to a safe place on Tuesday afternoon. I know that "
    "doesn't help if you can't find it. Could you check the recycling bin and any side gates? "
    "Couriers sometimes get creative. If it still hasn't turned up by tomorrow, I'll send a "
    "replacement, no questions asked.",
    "Hi Nina, thank you for explaining, and I'm sorry the dress didn't fit. I'm afraid I can't "
    "take back items that have been altered, as I'm not able to resell them. I do understand "
    "the hem was taken up before you tried it on properly. What I can offer is a free "
    "alteration on a new dress, or 20% off anything in the shop. I hope one of those helps.",
    "Hi Callum, I'm so sorry for the slow reply. I've been at the workshop all week and only "
    "just caught up with messages. Your order is finished and looks wonderful, if I say so "
    "myself. It'll be posted tomorrow morning, and I've upgraded the shipping to make up for "
    "the wait. Thank you for bearing with me.",
    "Hello Jo, good news: your custom portrait is finished! I've attached a photo so you can "
    "see it before it's varnished. Please have a close look at the details, especially the "
    "eyes and the collar. If anything needs changing, now is the perfect time. Once you're "
    "happy, I'll varnish it and post it on Friday. Thank you for trusting me with such a "
    "special piece.",
    "Hi Rebecca, I'm really sorry to hear the necklace broke. That's not the quality I want my "
    "pieces to have. The chain should easily take everyday wear. Could you send me a photo of "
    "where it snapped? It helps me work out if it's the chain or the jump ring. Either way, "
    "I'll send you a new one this week.",
    "Hi Edward, thank you for your order and your kind words. I wanted to let you know that the "
    "shop will be closed from Friday for a week while I'm at a craft fair. Your order will be "
    "posted before I go, so there's no delay. Messages may be a little slower, but I'll check "
    "in every evening. Have a lovely week.",
    "Hello Hazel, thank you for your message. I understand you'd like to return the handmade "
    "bowl. As it's a change of mind, return postage is your responsibility, I'm afraid. I'd "
    "recommend a tracked service, as ceramics are fragile. I'll refund the full price of the "
    "bowl as soon as it arrives. I'm sorry it wasn't right, and thank you for giving my shop "
    "a try.",
    "Hi Ryan, thank you for your patience with the preorder. The printer has finally confirmed "
    "the books will arrive on the 12th. I'll sign them that weekend and post them on Monday the "
    "16th. I know it's been a long wait, and I really appreciate you sticking with me. If "
    "you'd rather cancel, I'll refund you in full today, just say the word.",
    "Hi Esther, I'm sorry you've had such a rough time with this order. I've read your "
    "messages and I can hear how upset you are. I want to help, but I'm not able to continue "
    "if the language stays the way it is. I've offered a full refund on return, and that offer "
    "stands. When you're ready, just reply and I'll send the label.",
    "Hello Mr Campbell, thank you for the photos. I can see the crack in the glaze, and I'm "
    "sorry. It's the kind of hairline crack that can happen in the kiln, and I should have "
    "spotted it before sending. I've refunded you in full. If you'd still like a mug, I have "
    "one left from the same batch. I'd be happy to send it as a gift.",
    "Hi Harriet, I've received your return, thank you. I'm sorry the boots weren't right for "
    "you. I've checked them and they're in perfect condition, so I've refunded the full "
    "£89. It usually takes three to five working days to reach your account. I hope we see you "
    "again, and good luck finding the perfect pair.",
    "Hi Ali, thanks for your message. I'm afraid we can't offer a refund on the earrings, as "
    "they've been worn and we can't resell pierced jewellery for hygiene reasons. I'm really "
    "sorry, I know that's frustrating. If the issue is a reaction to the metal, we can swap "
    "the hooks for titanium ones at no cost. Let me know if that would help.",
    "Hi Tilly, just checking in now that your wedding favours have arrived. I hope they look "
    "beautiful on the tables! If any of the tags got bent in transit, let me know, and I'll "
    "send spares straight away. Congratulations again to you both, and thank you for choosing "
    "us for your big day.",
    "Hello Sandra, thank you for your message and for being so understanding. The carrier has "
    "confirmed your parcel was damaged at their depot. I've opened a claim, but you don't need "
    "to wait for it. A replacement is going out tomorrow with tracking. I've also added a "
    "small gift to say sorry. Please let me know when it arrives.",
    "Hi Mark, thank you for checking the measurements before ordering. The shelf is 80cm wide, "
    "20cm deep and holds up to 15kg. The brackets and screws are included, but you'll need "
    "wall plugs suitable for your wall type. If you're unsure, send me a photo of the wall and "
    "I'll recommend something. I hope that helps!",
    "Hello Penny, I'm so sorry for the mix-up with your gift note. It should have said 'Happy "
    "Anniversary', not 'Happy Birthday'. That's entirely my mistake. I've written a new card "
    "and posted it to the recipient with an apology. I've also refunded your gift wrapping fee. "
    "I hope it didn't spoil the day.",
    "Hi Isaac, I'm afraid your parcel has been returned to me by the courier, marked "
    "'address not found'. Please don't worry, it's all safe here. Could you double-check the "
    "address for me? I'll resend it as soon as you confirm, and I'll cover the postage. Sorry "
    "for the extra step.",
    "Hi Julia, thank you for your order. The fabric you picked is one of my favourites. It's "
    "going to take about ten days to make your curtains, as each pair is lined by hand. I'll "
    "send you a photo when they're finished and before they're posted. If you have any "
    "questions in the meantime, just message me.",
    "Hello, and thank you for your message. I'm sorry your order hasn't arrived. The tracking "
    "shows it's been held at the border for a customs check, which can take up to a week. It's "
    "nothing to worry about, and it's out of my hands for now. I'll keep checking every day "
    "and update you as soon as it moves.",
]
